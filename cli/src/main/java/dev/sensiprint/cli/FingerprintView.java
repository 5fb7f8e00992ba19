package dev.sensiprint.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sensiprint.fingerprint.ComparisonSettings;
import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.fingerprint.ModelInfo;
import dev.sensiprint.fingerprint.SampleStats;
import dev.sensiprint.fingerprint.file.FingerprintFile;
import dev.sensiprint.fingerprint.file.SignatureStatus;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How a fingerprint file is shown: a summary and per-sample table, or the same as JSON. */
final class FingerprintView {

    private FingerprintView() {}

    static String signature(FingerprintFile f) {
        return switch (f.signature()) {
            case UNSIGNED -> "unsigned";
            case SIGNED ->
                    "signed by key "
                            + f.signerKeyId()
                            + " (integrity checked; pass --key to check who signed it)";
            case VERIFIED -> "signed by the trusted key " + f.signerKeyId() + " (verified)";
        };
    }

    static String model(ModelInfo m) {
        return String.format(
                Locale.ROOT,
                "%s  input %s in [%s, %s], preprocessing %s, %s, %d classes",
                m.fileName(),
                shape(m.inputShape()),
                Numbers.sig(m.valueMin()),
                Numbers.sig(m.valueMax()),
                m.preprocessing(),
                m.outputKind().name().toLowerCase(Locale.ROOT),
                m.numClasses());
    }

    static String comparison(ComparisonSettings c) {
        return String.format(
                Locale.ROOT,
                "%s (top-%d, probs tolerance %s, noise floor %s)",
                c.mode().id(),
                c.topK(),
                Numbers.sig(c.tolerance()),
                Numbers.sig(c.noiseFloor()));
    }

    static String shape(int[] shape) {
        return Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining("×"));
    }

    static void printText(FingerprintFile f, PrintWriter out) {
        Fingerprint fp = f.fingerprint();
        out.printf("fingerprint  %s, sha256 %s%n", Numbers.bytes(f.sizeBytes()), f.sha256());
        out.printf("signature    %s%n", signature(f));
        out.printf("model        %s%n", model(fp.model()));
        out.printf("model sha256 %s%n", fp.model().sha256());
        out.printf("comparison   %s%n", comparison(fp.comparison()));
        out.printf("created      %s%n", fp.createdAt());
        if (!fp.generation().isEmpty()) {
            out.printf("generation   %s%n", pairs(fp.generation()));
        }
        if (!fp.libraries().isEmpty()) {
            out.printf("libraries    %s%n", pairs(fp.libraries()));
        }
        out.printf("samples      %d%n%n", fp.samples().size());
        TextTable t =
                new TextTable(
                        "sample",
                        ">label",
                        ">margin",
                        ">S(seed)",
                        ">S(x)",
                        ">gain",
                        ">RMS",
                        ">PSNR dB",
                        ">SSIM");
        for (FingerprintSample s : fp.samples()) {
            SampleStats st = s.stats();
            t.row(
                    s.id(),
                    s.label(),
                    Numbers.sig(s.margin()),
                    Numbers.sig(st.seedSensitivity()),
                    Numbers.sig(st.sensitivity()),
                    Numbers.sig(st.gain()),
                    Numbers.sig(st.rmsChange()),
                    Numbers.fixed(st.psnr(), 1),
                    Numbers.fixed(st.ssim(), 4));
        }
        t.print(out);
    }

    static ObjectNode json(FingerprintFile f) {
        JsonNodeFactory n = JsonNodeFactory.instance;
        Fingerprint fp = f.fingerprint();
        ObjectNode root = n.objectNode();
        root.put("sha256", f.sha256());
        root.put("sizeBytes", f.sizeBytes());
        root.put("signature", f.signature().name().toLowerCase(Locale.ROOT));
        if (f.signature() != SignatureStatus.UNSIGNED) {
            root.put("signerKeyId", f.signerKeyId());
        }
        ModelInfo m = fp.model();
        ObjectNode model = root.putObject("model");
        model.put("fileName", m.fileName());
        model.put("sha256", m.sha256());
        ArrayNode shape = model.putArray("inputShape");
        Arrays.stream(m.inputShape()).forEach(shape::add);
        model.putArray("valueRange").add(m.valueMin()).add(m.valueMax());
        model.put("preprocessing", m.preprocessing().toString());
        model.put("outputKind", m.outputKind().name().toLowerCase(Locale.ROOT));
        model.put("numClasses", m.numClasses());
        ObjectNode cmp = root.putObject("comparison");
        cmp.put("mode", fp.comparison().mode().id());
        cmp.put("topK", fp.comparison().topK());
        cmp.put("tolerance", fp.comparison().tolerance());
        cmp.put("noiseFloor", fp.comparison().noiseFloor());
        root.put("createdAt", fp.createdAt().toString());
        ObjectNode gen = root.putObject("generation");
        fp.generation().forEach(gen::put);
        ObjectNode lib = root.putObject("libraries");
        fp.libraries().forEach(lib::put);
        ArrayNode samples = root.putArray("samples");
        for (FingerprintSample s : fp.samples()) {
            SampleStats st = s.stats();
            ObjectNode o = samples.addObject();
            o.put("id", s.id());
            o.put("label", s.label());
            ArrayNode top = o.putArray("topK");
            Arrays.stream(s.topK()).forEach(top::add);
            o.put("margin", s.margin());
            o.put("seedSensitivity", Numbers.json(st.seedSensitivity()));
            o.put("sensitivity", Numbers.json(st.sensitivity()));
            o.put("gain", Numbers.json(st.gain()));
            o.put("rmsChange", Numbers.json(st.rmsChange()));
            o.put("linfChange", Numbers.json(st.linfChange()));
            o.put("psnr", Numbers.json(st.psnr()));
            o.put("ssim", Numbers.json(st.ssim()));
        }
        return root;
    }

    private static String pairs(Map<String, String> map) {
        return map.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
