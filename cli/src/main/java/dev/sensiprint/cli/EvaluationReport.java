package dev.sensiprint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sensiprint.attack.Attack;
import dev.sensiprint.attack.TamperReport;
import dev.sensiprint.attack.TrainingEffect;
import dev.sensiprint.calibrate.DriftCalibration;
import dev.sensiprint.detection.DetectionCurves;
import dev.sensiprint.detection.QueryRatio;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.evaluation.AttackResult;
import dev.sensiprint.evaluation.EvaluationResult;
import dev.sensiprint.evaluation.FalsePositiveCheck;
import dev.sensiprint.evaluation.ModeDetection;
import dev.sensiprint.evaluation.PoolDetection;
import dev.sensiprint.evaluation.PoolKind;
import dev.sensiprint.evaluation.SamplePool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/** Writes an evaluation's report folder: JSON, CSV, Markdown, HTML and PNGs. */
final class EvaluationReport {

    static final String JSON = "results.json";
    static final String CSV = "results.csv";
    static final String MARKDOWN = "summary.md";
    static final String HTML = "index.html";
    static final String GRID = "samples.png";
    static final int GRID_ROWS = 8;

    private EvaluationReport() {}

    /**
     * Creates the folder before the (long) run, so an unwritable path fails at once.
     *
     * @throws BadInputException if it is a file or cannot be created
     */
    static void prepare(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException("--report " + dir + " is a file; give a folder");
        }
        try {
            Files.createDirectories(dir.resolve("plots"));
        } catch (IOException e) {
            throw new BadInputException("cannot create report folder " + dir + ": " + e);
        }
    }

    /** Writes every file; returns their paths. */
    static List<Path> write(EvaluationResult r, String profile, String command, Path dir)
            throws IOException {
        // JFreeChart and ImageIO need AWT; a server has no display.
        System.setProperty("java.awt.headless", "true");
        prepare(dir);
        List<Path> written = new ArrayList<>();
        written.add(text(dir.resolve(JSON), json(r, profile, command)));
        written.add(text(dir.resolve(CSV), SummaryTables.csv(r)));
        written.add(
                text(
                        dir.resolve(MARKDOWN),
                        SummaryTables.markdown(r, profile, command) + TamperEffects.markdown(r)));
        List<String> charts = new ArrayList<>();
        for (int a = 0; a < r.attacks().size(); a++) {
            AttackResult attack = r.attacks().get(a);
            for (boolean label : new boolean[] {true, false}) {
                String name =
                        String.format(
                                Locale.ROOT,
                                "plots/%02d-%s-%s.png",
                                a,
                                slug(attack.spec()),
                                label ? "label" : "probs");
                DetectionCharts.write(attack, label, r.settings().maxN(), dir.resolve(name));
                written.add(dir.resolve(name));
                charts.add(name);
            }
        }
        SampleGrid.write(
                gridPools(r),
                GRID_ROWS,
                r.model().valueMin(),
                r.model().valueMax(),
                dir.resolve(GRID));
        written.add(dir.resolve(GRID));
        written.add(text(dir.resolve(HTML), HtmlReport.page(r, profile, command, charts, GRID)));
        return written;
    }

    /** The report's key for how {@code pool} was ordered by flip cover. */
    static String jsonKey(PoolKind pool) {
        return pool == PoolKind.JOINT ? "jointSelection" : "jointPairsSelection";
    }

    /**
     * The pools whose samples differ from their seeds, one grid column each; a pool that holds
     * another built pool's samples in another order (joint, joint_pairs) gets none.
     */
    static List<SamplePool> gridPools(EvaluationResult r) {
        return r.pools().stream()
                .filter(p -> p.kind().generated() || p.kind().tuned())
                .filter(p -> ownSamples(r, p.kind()))
                .toList();
    }

    /**
     * Whether {@code kind}'s samples are shown under its own name: true unless it reorders a pool
     * the run also built.
     */
    static boolean ownSamples(EvaluationResult r, PoolKind kind) {
        return kind.reordering().map(base -> !r.has(base)).orElse(true);
    }

    private static Path text(Path p, String content) throws IOException {
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    static String slug(String spec) {
        return spec.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "_");
    }

    static String json(EvaluationResult r, String profile, String command) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("command", command);
        root.put("profile", profile);
        root.put("model", r.modelName());
        root.put("modelSha256", r.model().sha256());
        root.put("outputKind", r.model().outputKind().name().toLowerCase(Locale.ROOT));
        root.put("seeds", r.seedsDescription());
        root.put("seconds", r.seconds());
        root.put("poolSeconds", r.poolSeconds());
        root.put("target", DetectionCurves.PAPER_TARGET);
        ObjectNode env = root.putObject("environment");
        r.environment().forEach(env::put);
        ObjectNode s = root.putObject("settings");
        s.put("copies", r.settings().copies());
        s.put("poolSize", r.settings().poolSize());
        s.put("maxN", r.settings().maxN());
        s.put("steps", r.settings().generator().steps());
        s.put("learningRate", r.settings().generator().learningRate());
        s.put("eps", r.settings().generator().eps());
        s.put("classes", r.settings().classes().id());
        s.put("mancLayers", r.settings().cover().id());
        s.put("keepLabel", r.settings().generator().keepLabel());
        s.put("marginFloor", r.settings().generator().marginFloor());
        s.put("safety", r.settings().safety());
        s.put("rngSeed", r.settings().rngSeed());
        ArrayNode attackSpecs = s.putArray("attacks");
        for (Attack a : r.settings().attacks()) {
            attackSpecs.add(a.spec());
        }
        ArrayNode poolIds = s.putArray("pools");
        r.settings().pools().forEach(k -> poolIds.add(k.id()));
        r.tuning()
                .ifPresent(
                        t -> {
                            ObjectNode n = root.putObject("marginTuning");
                            n.put("factor", t.factor());
                            n.put("noiseFloor", t.noiseFloor());
                            n.put("measured", t.measured());
                            n.put("bandLow", t.low());
                            n.put("bandHigh", t.high());
                            n.put("measuredOn", t.measuredOn());
                            ArrayNode v = n.putArray("variations");
                            t.variations().forEach(v::add);
                        });
        r.joints()
                .forEach(
                        j -> {
                            // one object per flip-cover pool: jointSelection, jointPairsSelection
                            ObjectNode n = root.putObject(jsonKey(j.pool()));
                            ArrayNode f = n.putArray("families");
                            j.families().forEach(f::add);
                            n.put("draws", j.draws());
                            n.put("simulatedChanges", j.changes());
                            n.put("caught", j.caught());
                            ArrayNode c = n.putArray("caughtAfter");
                            j.caughtAfter().forEach(c::add);
                            ArrayNode in = n.putArray("inSampleAttacks");
                            j.inSample().forEach(in::add);
                        });

        ArrayNode pools = root.putArray("pools");
        for (SamplePool p : r.pools()) {
            ObjectNode n = pools.addObject();
            n.put("pool", p.kind().id());
            n.put("order", p.kind().order());
            n.put("generated", p.generated());
            n.put("kept", p.size());
            n.put("droppedByCalibration", p.droppedByCalibration());
            n.put("unit", p.kind().unit());
            if (p.kind().tuned()) {
                n.put("untunable", p.untunable().size());
                ObjectNode why = n.putObject("untunableReasons");
                p.untunable().forEach((i, reason) -> why.put(Integer.toString(i), reason));
                n.put(
                        "minMargin",
                        p.samples().stream().mapToDouble(x -> x.margin()).min().orElseThrow());
                n.put(
                        "maxMargin",
                        p.samples().stream().mapToDouble(x -> x.margin()).max().orElseThrow());
            }
            n.put("medianMargin", p.medianMargin());
            n.put("medianGain", p.medianGain());
            n.put("medianPsnr", p.medianPsnr());
            n.put("neuronCover", p.coveredFraction());
            DriftCalibration c = p.calibration();
            n.put("noiseFloor", c.noiseFloor());
            n.put("probsTolerance", c.tolerance());
            ArrayNode cv = n.putArray("calibrationVariations");
            c.variations().forEach(cv::add);
            FalsePositiveCheck f = r.falsePositives(p.kind());
            ObjectNode fp = n.putObject("falsePositives");
            ArrayNode vars = fp.putArray("variations");
            f.variations().forEach(vars::add);
            ArrayNode lf = fp.putArray("labelFlags");
            for (int x : f.labelFlags()) {
                lf.add(x);
            }
            ArrayNode pf = fp.putArray("probsFlags");
            for (int x : f.probsFlags()) {
                pf.add(x);
            }
            fp.put("labelRate", f.rate(true));
            fp.put("probsRate", f.rate(false));
        }

        ArrayNode attacks = root.putArray("attacks");
        for (AttackResult a : r.attacks()) {
            ObjectNode n = attacks.addObject();
            n.put("attack", a.spec());
            n.put("copies", a.copies());
            n.put("meanChangedFraction", a.meanChangedFraction());
            n.put("firstCopy", a.example());
            ArrayNode copyReports = n.putArray("copyReports");
            for (TamperReport t : a.reports()) {
                ObjectNode c = copyReports.addObject();
                c.put("summary", t.summary());
                c.put("changedFraction", t.changedFraction());
                t.effect().ifPresent(e -> effect(c.putObject("effect"), e));
            }
            a.meanEffect().ifPresent(e -> effect(n.putObject("meanEffect"), e));
            n.put("seconds", a.seconds());
            if (!r.joints().isEmpty()) {
                n.put("jointInSample", r.inSampleForJoint(a.spec()));
            }
            ArrayNode ps = n.putArray("pools");
            for (PoolDetection p : a.pools()) {
                ObjectNode pn = ps.addObject();
                pn.put("pool", p.kind().id());
                mode(pn.putObject("label"), p.label(), a, p.kind(), true);
                mode(pn.putObject("probs"), p.probs(), a, p.kind(), false);
            }
        }
        return mapper.writeValueAsString(root);
    }

    private static void effect(ObjectNode n, TrainingEffect e) {
        ObjectNode acc = n.putObject("accuracy");
        acc.put("before", e.accuracy().before());
        acc.put("after", e.accuracy().after());
        acc.put("drop", e.accuracy().drop());
        acc.put("images", e.accuracy().images());
        e.success()
                .ifPresent(
                        s -> {
                            ObjectNode sn = n.putObject("success");
                            sn.put("before", s.before());
                            sn.put("after", s.after());
                            sn.put("images", s.images());
                        });
    }

    private static void mode(
            ObjectNode n, ModeDetection m, AttackResult a, PoolKind kind, boolean label) {
        n.put("poolSize", m.poolSize());
        n.put("unit", m.unit());
        putN(n, "nFor9995", m.smallestN(DetectionCurves.PAPER_TARGET));
        putN(n, "nFor9995InOrder", m.smallestNInOrder(DetectionCurves.PAPER_TARGET));
        n.put("anyDetected", m.anyDetected());
        n.put("notComparable", m.notComparable());
        if (kind != PoolKind.NATURAL && a.has(PoolKind.NATURAL)) {
            QueryRatio q = a.naturalOver(kind, label, DetectionCurves.PAPER_TARGET);
            ObjectNode qn = n.putObject("naturalOverThis");
            qn.put("kind", q.kind().name().toLowerCase(Locale.ROOT));
            if (!Double.isNaN(q.value())) {
                qn.put("value", q.value());
            }
        }
        ArrayNode d = n.putArray("detectingPerCopy");
        for (int x : m.detectingPerCopy()) {
            d.add(x);
        }
        ArrayNode rs = n.putArray("randomSubsets");
        ArrayNode io = n.putArray("inOrder");
        for (int k = 1; k <= m.poolSize(); k++) {
            rs.add(m.rateAt(k));
            io.add(m.inOrderAt(k));
        }
    }

    private static void putN(ObjectNode n, String key, OptionalInt v) {
        if (v.isPresent()) {
            n.put(key, v.getAsInt());
        } else {
            n.putNull(key);
        }
    }
}
