package dev.sensiprint.evaluation;

import ai.djl.engine.Engine;
import dev.sensiprint.attack.Attack;
import dev.sensiprint.attack.Tampering;
import dev.sensiprint.calibrate.ModelVariations;
import dev.sensiprint.calibrate.Variation;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.model.TorchRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * {@code evaluate} as a library call (method.md §6, §7): build the pools asked for on the clean
 * model, check that benign variation flags nothing in any of them, then for every attack make the
 * tampered copies in memory and record which pool sample detects which copy, in label and probs
 * mode.
 */
public final class Evaluation {

    private Evaluation() {}

    /** Units of work {@link #run} reports to its listener. */
    public static long totalWork(EvaluationSettings s) {
        // The pools, then one unit for the false-positive check, then one per tampered copy.
        long work = PoolBuilder.work(s) + 1;
        for (Attack a : s.attacks()) {
            work += s.copiesOf(a) * AttackRunner.workPerCopy(a);
        }
        return work;
    }

    /**
     * Runs the evaluation.
     *
     * @throws BadInputException when the model cannot be loaded, an attack does not fit it or the
     *     training data (checked before the pools are built), a pool has no safe sample, or no
     *     sample of a margin pool reaches the band
     */
    public static EvaluationResult run(EvaluationRequest request, EvaluationListener listener) {
        EvaluationSettings s = request.settings();
        long start = System.nanoTime();
        listener.started(totalWork(s));
        TorchRuntime.setIntraOpThreads(s.threads());
        TorchRuntime.seed((int) s.rngSeed());
        TorchRuntime.configureCallingThread();
        ModelSpec spec = request.model();
        try (DifferentiableModel model = ModelLoader.forGradients(spec);
                InferenceModel inference = ModelLoader.forInference(spec)) {
            for (Attack a : s.attacks()) {
                Tampering.check(model, a, request.trainingData());
            }
            LiveForward live = new LiveForward(model);
            int otherThreads = s.threads() == 1 ? 2 : 1;
            List<Variation> calibration =
                    withTwin(
                            request,
                            ModelVariations.threads(inference, otherThreads),
                            ModelVariations.batched(inference, s.rngSeed()),
                            ModelVariations.reload(spec),
                            live.asVariation());
            PoolBuilder.Built built =
                    new PoolBuilder(model, inference, s, calibration, listener)
                            .build(request.seeds());
            List<SamplePool> pools = built.pools();
            double poolSeconds = (System.nanoTime() - start) / 1e9;

            // The batch variation hides the samples among other random rows than calibration did,
            // so at least that part of the check is out of sample.
            List<Variation> check =
                    withTwin(
                            request,
                            ModelVariations.threads(inference, otherThreads),
                            ModelVariations.batched(inference, s.rngSeed() + 1),
                            ModelVariations.reload(spec),
                            live.asVariation());
            List<FalsePositiveCheck> fps = falsePositives(pools, check, model);
            listener.advanced(1, falsePositiveLine(fps));

            AttackRunner runner =
                    new AttackRunner(model, live, pools, s, request.trainingData(), listener);
            List<AttackResult> attacks = new ArrayList<>();
            for (Attack a : s.attacks()) {
                attacks.add(runner.run(a));
            }
            return new EvaluationResult(
                    model.info(),
                    String.valueOf(spec.path().getFileName()),
                    request.seedsDescription(),
                    s,
                    pools,
                    built.tuning(),
                    built.joints(),
                    fps,
                    attacks,
                    environment(s),
                    (System.nanoTime() - start) / 1e9,
                    poolSeconds);
        }
    }

    /** The same-runtime variations, and the twin's answers when the request names one. */
    private static List<Variation> withTwin(EvaluationRequest request, Variation... sameRuntime) {
        List<Variation> out = new ArrayList<>(List.of(sameRuntime));
        if (request.twin() != null) {
            out.add(ModelVariations.twin(request.twin()));
        }
        return out;
    }

    private static List<FalsePositiveCheck> falsePositives(
            List<SamplePool> pools, List<Variation> variations, DifferentiableModel model) {
        List<FalsePositiveCheck> out = new ArrayList<>();
        for (SamplePool pool : pools) {
            PoolComparators comparators = new PoolComparators(pool, model.info().outputKind());
            int[] label = new int[variations.size()];
            int[] probs = new int[variations.size()];
            List<String> names = new ArrayList<>();
            for (int v = 0; v < variations.size(); v++) {
                names.add(variations.get(v).name());
                PoolComparators.Flags f =
                        comparators.flags(variations.get(v).outputs(pool.inputs()));
                label[v] = PoolComparators.Flags.count(f.label());
                probs[v] = PoolComparators.Flags.count(f.probs());
            }
            out.add(new FalsePositiveCheck(pool.kind(), names, label, probs, pool.size()));
        }
        return out;
    }

    private static String falsePositiveLine(List<FalsePositiveCheck> fps) {
        StringBuilder b = new StringBuilder("false positives under benign variation:");
        for (FalsePositiveCheck f : fps) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            " %s label %.3g probs %.3g;",
                            f.kind().id(),
                            f.rate(true),
                            f.rate(false)));
        }
        return b.toString();
    }

    private static TreeMap<String, String> environment(EvaluationSettings s) {
        TreeMap<String, String> e = new TreeMap<>();
        e.put("libtorch", TorchRuntime.libtorchVersion());
        e.put("djl", Engine.getDjlVersion());
        e.put("java", Runtime.version().toString());
        e.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        e.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        e.put("threads", Integer.toString(s.threads()));
        return e;
    }
}
