package dev.sensiprint.generate;

import ai.djl.engine.Engine;
import dev.sensiprint.calibrate.DriftCalibration;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.fingerprint.ComparisonSettings;
import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.generate.FingerprintPipeline.Result;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.TorchRuntime;
import dev.sensiprint.sensitivity.SensitivityObjective;
import java.time.Clock;
import java.util.Locale;
import java.util.TreeMap;

/** {@code generate} as a library call: a request in, a fingerprint and what was measured out. */
public final class FingerprintGenerator {

    private final Clock clock;

    public FingerprintGenerator(Clock clock) {
        this.clock = clock;
    }

    /**
     * What generation produced.
     *
     * @param fingerprint ready to write
     * @param details every candidate, the calibration and the selection
     */
    public record Generation(Fingerprint fingerprint, Result details) {}

    /**
     * Generates a fingerprint.
     *
     * @throws BadInputException when the model cannot be loaded or too few candidates are safe
     */
    public Generation generate(GenerationRequest request, FingerprintPipeline.Listener listener) {
        TorchRuntime.setIntraOpThreads(request.threads());
        TorchRuntime.seed((int) request.rngSeed());
        TorchRuntime.configureCallingThread();
        try (DifferentiableModel model = ModelLoader.forGradients(request.model());
                InferenceModel inference = ModelLoader.forInference(request.model());
                SensitivityObjective objective =
                        SensitivityObjective.create(model, request.weights());
                TorchPipelineModel pipelineModel =
                        new TorchPipelineModel(
                                model,
                                objective,
                                request.classes(),
                                request.cover(),
                                inference,
                                request.model(),
                                request.twin(),
                                request.threads(),
                                request.rngSeed())) {
            Result result;
            try {
                result =
                        new FingerprintPipeline(pipelineModel, request.pipeline())
                                .run(request.seeds(), listener);
            } catch (IllegalStateException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            DriftCalibration c = result.calibration();
            int topK = Math.min(5, inference.info().numClasses());
            ComparisonSettings comparison =
                    new ComparisonSettings(request.mode(), topK, c.tolerance(), c.noiseFloor());
            Fingerprint fp =
                    new Fingerprint(
                            inference.info(),
                            comparison,
                            settings(request, objective, result),
                            libraries(request),
                            clock.instant(),
                            result.samples());
            return new Generation(fp, result);
        }
    }

    private static TreeMap<String, String> settings(
            GenerationRequest r, SensitivityObjective objective, Result result) {
        GeneratorSettings g = r.pipeline().generator();
        TreeMap<String, String> s = new TreeMap<>();
        PipelineSettings p = r.pipeline();
        s.put("objective", p.objective().id());
        result.tuning()
                .ifPresent(
                        t -> {
                            s.put("marginFactor", Double.toString(p.marginTuning().get().factor()));
                            s.put(
                                    "marginBand",
                                    String.format(
                                            Locale.ROOT,
                                            "%.6g..%.6g",
                                            t.band().low(),
                                            t.band().high()));
                            s.put(
                                    "noiseFloor",
                                    String.format(
                                            Locale.ROOT,
                                            "%.6g (%s)",
                                            t.noiseFloor(),
                                            t.measured() ? "measured" : "declared"));
                            s.put("untunable", Integer.toString(t.failures().size()));
                        });
        s.put("weights", r.weights().id() + " (" + objective.weightCount() + " values)");
        s.put("classes", r.classes().id());
        s.put("steps", Integer.toString(g.steps()));
        s.put("learningRate", Double.toString(g.learningRate()));
        s.put("eps", String.format(Locale.ROOT, "%.6g", g.eps()));
        s.put("ball", g.ball().name().toLowerCase(Locale.ROOT));
        s.put("keepLabel", Boolean.toString(g.keepLabel()));
        if (g.keepLabel()) {
            s.put("marginFloor", Double.toString(g.marginFloor()));
        }
        s.put("quantize", g.quantize() ? "uint8" : "none");
        s.put("candidates", Integer.toString(r.pipeline().candidates()));
        s.put("count", Integer.toString(r.pipeline().count()));
        s.put(
                "selection",
                p.jointSelection()
                        .map(
                                j ->
                                        String.format(
                                                Locale.ROOT,
                                                "joint%s: %d simulated changes, %.4f caught",
                                                p.pairs()
                                                        ? " pairs (each anchor followed by its"
                                                                + " boundary twin)"
                                                        : "",
                                                j.changes().size(),
                                                result.joint().orElseThrow().caught()))
                        .orElse(
                                p.pairs()
                                        ? "pairs: "
                                                + p.anchors()
                                                + " anchors by manc:"
                                                + r.cover().id()
                                                + ","
                                                + " each followed by its boundary twin"
                                        : "manc:" + r.cover().id()));
        s.put("mancLayers", r.cover().id());
        s.put(
                "coveredFraction",
                String.format(Locale.ROOT, "%.4f", result.selection().coveredFraction()));
        s.put("calibration", String.join(" ", result.calibration().variations()));
        s.put("safetyFactor", Double.toString(r.pipeline().safety()));
        s.put(
                "droppedByCalibration",
                Long.toString(
                        result.calibration().samples().size()
                                - result.calibration().kept().size()));
        s.put("seeds", r.seedsDescription());
        s.put("rngSeed", Long.toString(r.rngSeed()));
        s.put("threads", Integer.toString(r.threads()));
        return s;
    }

    private static TreeMap<String, String> libraries(GenerationRequest r) {
        TreeMap<String, String> l = new TreeMap<>();
        l.put("libtorch", TorchRuntime.libtorchVersion());
        l.put("djl", Engine.getDjlVersion());
        l.put("java", Runtime.version().toString());
        l.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return l;
    }
}
