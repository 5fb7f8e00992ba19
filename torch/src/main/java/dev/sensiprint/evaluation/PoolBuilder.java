package dev.sensiprint.evaluation;

import dev.sensiprint.calibrate.DriftCalibration;
import dev.sensiprint.calibrate.DriftCalibrator;
import dev.sensiprint.calibrate.ModelVariations;
import dev.sensiprint.calibrate.Variation;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.fingerprint.SampleStats;
import dev.sensiprint.generate.GeneratedSample;
import dev.sensiprint.generate.GeneratorSettings;
import dev.sensiprint.generate.SensitiveSampleGenerator;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.quality.ImageQuality;
import dev.sensiprint.select.NeuronCoverSelector;
import dev.sensiprint.select.NeuronCoverSelector.Candidate;
import dev.sensiprint.select.NeuronCoverSelector.Selection;
import dev.sensiprint.select.PenultimateActivations;
import dev.sensiprint.sensitivity.ClassSelection;
import dev.sensiprint.sensitivity.ObjectiveProbe;
import dev.sensiprint.sensitivity.SensitivityObjective;
import dev.sensiprint.sensitivity.WeightSelection;
import dev.sensiprint.tensor.FloatTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Builds the four pools from the same seeds on the clean model: generate (sensitive kinds), record
 * the expected outputs the way {@code generate} does (inference load, one by one), calibrate
 * against benign drift, and order the kept samples by MANC.
 *
 * <p>Every pool goes through the same calibration, so none is flattered by keeping samples that
 * benign drift would flip.
 */
final class PoolBuilder {

    private final DifferentiableModel model;
    private final InferenceModel inference;
    private final EvaluationSettings settings;
    private final List<Variation> variations;
    private final EvaluationListener listener;

    PoolBuilder(
            DifferentiableModel model,
            InferenceModel inference,
            EvaluationSettings settings,
            List<Variation> variations,
            EvaluationListener listener) {
        this.model = model;
        this.inference = inference;
        this.settings = settings;
        this.variations = variations;
        this.listener = listener;
    }

    /** The pools, in {@link PoolKind} order. */
    List<SamplePool> build(List<FloatTensor> seeds) {
        GeneratorSettings g = settings.generator();
        double peak = g.valueMax() - g.valueMin();
        List<SamplePool> pools = new ArrayList<>();
        try (SensitivityObjective all = SensitivityObjective.create(model, WeightSelection.all());
                SensitivityObjective last =
                        SensitivityObjective.create(model, WeightSelection.lastLayer());
                PenultimateActivations activations = PenultimateActivations.of(model)) {
            List<GeneratedSample> sensitive = generate(all, seeds, PoolKind.SENSITIVE);
            List<GeneratedSample> sensitiveLast = generate(last, seeds, PoolKind.SENSITIVE_LAST);
            pools.add(fromGenerated(PoolKind.SENSITIVE, sensitive, peak, activations));
            pools.add(fromGenerated(PoolKind.SENSITIVE_LAST, sensitiveLast, peak, activations));

            List<SampleStats> natural = new ArrayList<>();
            for (GeneratedSample s : sensitive) {
                double s0 = s.seedSensitivity();
                natural.add(new SampleStats(s0, s0, 0, 0, Double.POSITIVE_INFINITY, 1));
            }
            pools.add(pool(PoolKind.NATURAL, seeds, nulls(seeds.size()), natural, activations));

            List<FloatTensor> noise = noise(seeds.size(), seeds.get(0).shape(), g);
            List<SampleStats> noiseStats = new ArrayList<>();
            for (FloatTensor x : noise) {
                double s =
                        ObjectiveProbe.forSeed(all, x, ClassSelection.top1())
                                .probe(x)
                                .sensitivity();
                noiseStats.add(
                        new SampleStats(
                                Double.NaN, s, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
            }
            pools.add(pool(PoolKind.NOISE, noise, nulls(noise.size()), noiseStats, activations));
        }
        return pools;
    }

    private List<GeneratedSample> generate(
            SensitivityObjective objective, List<FloatTensor> seeds, PoolKind kind) {
        List<GeneratedSample> out = new ArrayList<>(seeds.size());
        for (int i = 0; i < seeds.size(); i++) {
            FloatTensor seed = seeds.get(i);
            GeneratedSample s =
                    new SensitiveSampleGenerator(
                                    ObjectiveProbe.forSeed(objective, seed, ClassSelection.top1()),
                                    settings.generator())
                            .generate(seed, SensitiveSampleGenerator.StepListener.NONE);
            out.add(s);
            listener.advanced(
                    1,
                    String.format(
                            Locale.ROOT,
                            "%s %d/%d: S %.3g -> %.3g, %d steps, %s",
                            kind.id(),
                            i + 1,
                            seeds.size(),
                            s.seedSensitivity(),
                            s.sensitivity(),
                            s.stepsTaken(),
                            s.stop().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        }
        return out;
    }

    private SamplePool fromGenerated(
            PoolKind kind,
            List<GeneratedSample> generated,
            double peak,
            PenultimateActivations activations) {
        List<FloatTensor> inputs = new ArrayList<>();
        List<FloatTensor> seeds = new ArrayList<>();
        List<SampleStats> stats = new ArrayList<>();
        for (GeneratedSample g : generated) {
            inputs.add(g.sample());
            seeds.add(g.seed());
            stats.add(
                    new SampleStats(
                            g.seedSensitivity(),
                            g.sensitivity(),
                            ImageQuality.rms(g.sample(), g.seed()),
                            ImageQuality.linf(g.sample(), g.seed()),
                            ImageQuality.psnr(g.sample(), g.seed(), peak),
                            ImageQuality.ssim(g.sample(), g.seed(), peak)));
        }
        return pool(kind, inputs, seeds, stats, activations);
    }

    private SamplePool pool(
            PoolKind kind,
            List<FloatTensor> inputs,
            List<FloatTensor> seeds,
            List<SampleStats> stats,
            PenultimateActivations activations) {
        List<FloatTensor> reference = ModelVariations.oneByOne(inference, inputs);
        DriftCalibration calibration =
                new DriftCalibrator(settings.safety()).calibrate(inputs, reference, variations);
        List<Integer> kept = calibration.kept();
        if (kept.isEmpty()) {
            throw new BadInputException(
                    "every sample of the "
                            + kind.id()
                            + " pool is within benign drift of flipping; nothing to evaluate");
        }
        List<FingerprintSample> samples = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (int j = 0; j < kept.size(); j++) {
            int i = kept.get(j);
            samples.add(
                    SamplePool.sample(
                            i, inputs.get(i), reference.get(i), seeds.get(i), stats.get(i)));
            candidates.add(
                    new Candidate(activations.active(inputs.get(i)), stats.get(i).sensitivity()));
        }
        Selection order =
                NeuronCoverSelector.select(
                        candidates, candidates.size(), activations.neuronCount());
        int[] ordered = order.chosen().stream().mapToInt(Integer::intValue).toArray();
        listener.advanced(
                1,
                String.format(
                        Locale.ROOT,
                        "%s pool: %d of %d kept by calibration (probs tolerance %.3g)",
                        kind.id(),
                        kept.size(),
                        inputs.size(),
                        calibration.tolerance()));
        return new SamplePool(
                kind, samples, ordered, inputs.size(), calibration, order.coveredFraction());
    }

    private List<FloatTensor> noise(int count, int[] shape, GeneratorSettings g) {
        // Its own stream, so that the noise images do not depend on how the seeds were drawn.
        Random random = new Random(settings.rngSeed() ^ 0x6e6f697365L);
        List<FloatTensor> out = new ArrayList<>(count);
        int n = (int) FloatTensor.elementCount(shape);
        for (int i = 0; i < count; i++) {
            float[] v = new float[n];
            for (int j = 0; j < n; j++) {
                v[j] = g.valueMin() + random.nextFloat() * (g.valueMax() - g.valueMin());
            }
            out.add(new FloatTensor(shape.clone(), v));
        }
        return out;
    }

    private static List<FloatTensor> nulls(int n) {
        List<FloatTensor> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(null);
        }
        return out;
    }
}
