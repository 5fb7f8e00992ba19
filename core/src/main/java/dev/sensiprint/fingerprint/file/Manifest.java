package dev.sensiprint.fingerprint.file;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.ComparisonSettings;
import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.fingerprint.ModelInfo;
import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.fingerprint.Preprocessing;
import dev.sensiprint.fingerprint.SampleStats;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The {@code manifest.json} entry: everything about a fingerprint except the arrays. */
final class Manifest {

    static final String FORMAT = "sensiprint-fingerprint";
    static final int VERSION = 1;

    private static final String ENTRY = EntryNames.MANIFEST;
    private static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,64}");
    private static final Set<String> ROOT_FIELDS =
            Set.of(
                    "format",
                    "formatVersion",
                    "createdAt",
                    "model",
                    "comparison",
                    "generation",
                    "libraries",
                    "samples");
    private static final Set<String> MODEL_FIELDS =
            Set.of(
                    "sha256",
                    "fileName",
                    "inputShape",
                    "valueRange",
                    "preprocessing",
                    "outputKind",
                    "numClasses");
    private static final Set<String> PREPROCESSING_FIELDS = Set.of("mean", "std", "insideModel");
    private static final Set<String> COMPARISON_FIELDS =
            Set.of("mode", "topK", "tolerance", "noiseFloor");
    private static final Set<String> SAMPLE_FIELDS =
            Set.of("id", "label", "topK", "margin", "stats", "input", "output", "seed", "preview");
    private static final Set<String> STATS_FIELDS =
            Set.of("seedSensitivity", "sensitivity", "rmsChange", "linfChange", "psnr", "ssim");

    /** A sample as the manifest describes it, before its arrays are read. */
    record SampleEntry(
            String id,
            int label,
            int[] topK,
            float margin,
            SampleStats stats,
            String input,
            String output,
            String seed,
            String preview) {}

    /** The parsed manifest. */
    record Parsed(
            Instant createdAt,
            ModelInfo model,
            ComparisonSettings comparison,
            SortedMap<String, String> generation,
            SortedMap<String, String> libraries,
            List<SampleEntry> samples) {

        List<EntryNames.SampleKey> keys() {
            return samples.stream()
                    .map(s -> new EntryNames.SampleKey(s.id(), s.seed() != null))
                    .toList();
        }
    }

    private Manifest() {}

    /**
     * The manifest's bytes.
     *
     * @throws IllegalArgumentException if a value cannot be written (a non-finite float)
     */
    static byte[] toJson(Fingerprint fp) {
        ModelInfo m = fp.model();
        if (!Float.isFinite(m.valueMin()) || !Float.isFinite(m.valueMax())) {
            throw new IllegalArgumentException("the model's value range must be finite");
        }
        for (FingerprintSample s : fp.samples()) {
            if (!Float.isFinite(s.margin())) {
                throw new IllegalArgumentException("sample " + s.id() + ": margin is not finite");
            }
        }
        return JsonFormat.write(g -> writeManifest(g, fp));
    }

    private static void writeManifest(JsonGenerator g, Fingerprint fp) throws IOException {
        ModelInfo m = fp.model();
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeNumberField("formatVersion", VERSION);
        g.writeStringField("createdAt", fp.createdAt().toString());

        g.writeObjectFieldStart("model");
        g.writeStringField("sha256", m.sha256());
        g.writeStringField("fileName", m.fileName());
        g.writeFieldName("inputShape");
        g.writeArray(m.inputShape(), 0, m.inputShape().length);
        g.writeArrayFieldStart("valueRange");
        g.writeNumber(m.valueMin());
        g.writeNumber(m.valueMax());
        g.writeEndArray();
        g.writeObjectFieldStart("preprocessing");
        writeFloats(g, "mean", m.preprocessing().mean());
        writeFloats(g, "std", m.preprocessing().std());
        g.writeBooleanField("insideModel", m.preprocessing().insideModel());
        g.writeEndObject();
        g.writeStringField("outputKind", m.outputKind().name().toLowerCase(Locale.ROOT));
        g.writeNumberField("numClasses", m.numClasses());
        g.writeEndObject();

        ComparisonSettings c = fp.comparison();
        g.writeObjectFieldStart("comparison");
        g.writeStringField("mode", c.mode().id());
        g.writeNumberField("topK", c.topK());
        g.writeNumberField("tolerance", c.tolerance());
        g.writeNumberField("noiseFloor", c.noiseFloor());
        g.writeEndObject();

        writeStrings(g, "generation", fp.generation());
        writeStrings(g, "libraries", fp.libraries());

        g.writeArrayFieldStart("samples");
        for (FingerprintSample s : fp.samples()) {
            g.writeStartObject();
            g.writeStringField("id", s.id());
            g.writeNumberField("label", s.label());
            g.writeFieldName("topK");
            g.writeArray(s.topK(), 0, s.topK().length);
            g.writeNumberField("margin", s.margin());
            SampleStats st = s.stats();
            g.writeObjectFieldStart("stats");
            writeStat(g, "seedSensitivity", st.seedSensitivity());
            writeStat(g, "sensitivity", st.sensitivity());
            writeStat(g, "rmsChange", st.rmsChange());
            writeStat(g, "linfChange", st.linfChange());
            writeStat(g, "psnr", st.psnr());
            writeStat(g, "ssim", st.ssim());
            g.writeEndObject();
            g.writeStringField("input", EntryNames.input(s.id()));
            g.writeStringField("output", EntryNames.output(s.id()));
            if (s.seed() != null) {
                g.writeStringField("seed", EntryNames.seed(s.id()));
            } else {
                g.writeNullField("seed");
            }
            g.writeStringField("preview", EntryNames.preview(s.id()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeFloats(JsonGenerator g, String field, float[] values)
            throws IOException {
        g.writeArrayFieldStart(field);
        for (float v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    private static void writeStrings(JsonGenerator g, String field, Map<String, String> values)
            throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : values.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** NaN (not applicable) is null; JSON has no infinities, so they are strings. */
    private static void writeStat(JsonGenerator g, String field, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeNullField(field);
        } else if (Double.isInfinite(v)) {
            g.writeStringField(field, v > 0 ? "Infinity" : "-Infinity");
        } else {
            g.writeNumberField(field, v);
        }
    }

    /**
     * Parses and validates the manifest.
     *
     * @param maxValues the most values an input or output vector may hold (the file size bounds it)
     */
    static Parsed parse(byte[] json, long maxValues) {
        StrictObject root = StrictObject.parse(json, ENTRY, ROOT_FIELDS);
        JsonValue format = root.get("format");
        if (!(format instanceof JsonValue.Str s) || !FORMAT.equals(s.value())) {
            throw root.bad(
                    "unknown format " + format.describe() + " (expected \"" + FORMAT + "\")");
        }
        int version = root.integer("formatVersion");
        if (version != VERSION) {
            throw root.bad(
                    "format version "
                            + version
                            + " is not supported (this reader knows "
                            + VERSION
                            + ")");
        }
        Instant createdAt;
        String created = root.string("createdAt");
        try {
            createdAt = Instant.parse(created);
        } catch (DateTimeParseException e) {
            throw root.bad("createdAt " + Names.quote(created) + " is not an ISO-8601 instant");
        }
        ModelInfo model = model(root.object("model", MODEL_FIELDS), maxValues);
        ComparisonSettings comparison = comparison(root.object("comparison", COMPARISON_FIELDS));
        SortedMap<String, String> generation = new TreeMap<>(root.stringMap("generation"));
        SortedMap<String, String> libraries = new TreeMap<>(root.stringMap("libraries"));
        List<JsonValue> sampleNodes = root.array("samples");
        if (sampleNodes.isEmpty()) {
            throw root.bad("samples: a fingerprint needs at least one sample");
        }
        List<SampleEntry> samples = new ArrayList<>();
        for (int i = 0; i < sampleNodes.size(); i++) {
            samples.add(
                    sample(
                            root.element(sampleNodes.get(i), "samples[" + i + "]", SAMPLE_FIELDS),
                            model));
        }
        return new Parsed(createdAt, model, comparison, generation, libraries, samples);
    }

    private static ModelInfo model(StrictObject m, long maxValues) {
        int[] shape = m.intArray("inputShape");
        long values = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw m.bad(m.path("inputShape") + ": dimensions must be positive, found " + d);
            }
            values *= d;
            if (values > maxValues) {
                throw m.bad(
                        m.path("inputShape")
                                + " holds more values than a fingerprint file can ("
                                + maxValues
                                + ")");
            }
        }
        int numClasses = m.integer("numClasses");
        if (numClasses > maxValues) {
            throw m.bad(m.path("numClasses") + " " + numClasses + " is too large");
        }
        float[] range = m.floatArray("valueRange");
        if (range.length != 2) {
            throw m.bad(
                    m.path("valueRange")
                            + ": expected [min, max], found "
                            + range.length
                            + " values");
        }
        StrictObject p = m.object("preprocessing", PREPROCESSING_FIELDS);
        String kind = m.string("outputKind");
        OutputKind outputKind =
                switch (kind) {
                    case "logits" -> OutputKind.LOGITS;
                    case "probabilities" -> OutputKind.PROBABILITIES;
                    default ->
                            throw m.bad(
                                    m.path("outputKind")
                                            + ": "
                                            + Names.quote(kind)
                                            + ", expected \"logits\" or \"probabilities\"");
                };
        return construct(
                m,
                "model",
                () ->
                        new ModelInfo(
                                m.string("sha256"),
                                m.string("fileName"),
                                shape,
                                range[0],
                                range[1],
                                construct(
                                        p,
                                        "model.preprocessing",
                                        () ->
                                                new Preprocessing(
                                                        p.floatArray("mean"),
                                                        p.floatArray("std"),
                                                        p.bool("insideModel"))),
                                outputKind,
                                numClasses));
    }

    private static ComparisonSettings comparison(StrictObject c) {
        String id = c.string("mode");
        ComparisonMode mode = null;
        for (ComparisonMode candidate : ComparisonMode.values()) {
            if (candidate.id().equals(id)) {
                mode = candidate;
            }
        }
        if (mode == null) {
            throw c.bad(
                    c.path("mode")
                            + ": unknown mode "
                            + Names.quote(id)
                            + " (expected label, topk, probs or exact)");
        }
        ComparisonMode m = mode;
        return construct(
                c,
                "comparison",
                () ->
                        new ComparisonSettings(
                                m,
                                c.integer("topK"),
                                c.finiteDouble("tolerance"),
                                c.finiteDouble("noiseFloor")));
    }

    private static SampleEntry sample(StrictObject s, ModelInfo model) {
        String id = s.string("id");
        if (!ID.matcher(id).matches()) {
            throw s.bad(s.path("id") + ": " + Names.quote(id) + " does not match [a-z0-9_-]{1,64}");
        }
        SampleStats stats = stats(s.object("stats", STATS_FIELDS));
        String seed = s.optionalString("seed");
        SampleEntry entry =
                new SampleEntry(
                        id,
                        s.integer("label"),
                        s.intArray("topK"),
                        s.finiteFloat("margin"),
                        stats,
                        s.string("input"),
                        s.string("output"),
                        seed,
                        s.string("preview"));
        expectName(s, "input", entry.input(), EntryNames.input(id));
        expectName(s, "output", entry.output(), EntryNames.output(id));
        if (seed != null) {
            expectName(s, "seed", seed, EntryNames.seed(id));
        }
        expectName(s, "preview", entry.preview(), EntryNames.preview(id));
        if (entry.topK().length == 0 || entry.topK().length > model.numClasses()) {
            throw s.bad(
                    s.path("topK")
                            + ": expected 1 to "
                            + model.numClasses()
                            + " classes, found "
                            + entry.topK().length);
        }
        return entry;
    }

    private static SampleStats stats(StrictObject st) {
        return new SampleStats(
                stat(st, "seedSensitivity"),
                stat(st, "sensitivity"),
                stat(st, "rmsChange"),
                stat(st, "linfChange"),
                stat(st, "psnr"),
                stat(st, "ssim"));
    }

    private static double stat(StrictObject st, String field) {
        JsonValue v = st.get(field);
        if (v == JsonValue.Null.NULL) {
            return Double.NaN;
        }
        if (v instanceof JsonValue.Str s) {
            return switch (s.value()) {
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default ->
                        throw st.bad(
                                st.path(field)
                                        + ": expected a number, null, \"Infinity\" or \"-Infinity\", found "
                                        + v.describe());
            };
        }
        return st.finiteDouble(field);
    }

    private static void expectName(StrictObject s, String field, String found, String expected) {
        if (!expected.equals(found)) {
            throw s.bad(
                    s.path(field)
                            + ": "
                            + Names.quote(found)
                            + ", expected "
                            + Names.quote(expected));
        }
    }

    /** Runs a record constructor, turning its validation failure into a message about the file. */
    private static <T> T construct(
            StrictObject at, String what, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw at.bad(what + ": " + Names.oneLine(e.getMessage()));
        }
    }
}
