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
import dev.sensiprint.generate.JointSelection;
import dev.sensiprint.generate.MarginTuner;
import dev.sensiprint.generate.MarginTuning;
import dev.sensiprint.generate.MarginWalker;
import dev.sensiprint.generate.SensitiveSampleGenerator;
import dev.sensiprint.generate.SensitivityProbe;
import dev.sensiprint.generate.SimulatedFlips;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.quality.ImageQuality;
import dev.sensiprint.select.FlipCoverSelector;
import dev.sensiprint.select.NeuronActivations;
import dev.sensiprint.select.NeuronCoverSelector;
import dev.sensiprint.select.NeuronCoverSelector.Candidate;
import dev.sensiprint.select.NeuronCoverSelector.Selection;
import dev.sensiprint.sensitivity.MarginObjective;
import dev.sensiprint.sensitivity.ObjectiveProbe;
import dev.sensiprint.sensitivity.SensitivityObjective;
import dev.sensiprint.sensitivity.WeightSelection;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Builds the pools the settings ask for from the same seeds on the clean model: generate (sensitive
 * kinds), walk to the margin band (margin kinds), record the expected outputs the way {@code
 * generate} does (inference load, one by one), calibrate against benign drift, and order the kept
 * samples by MANC — or, for the joint and joint_pairs pools, by the flip cover of simulated
 * changes.
 *
 * <p>Every pool goes through the same calibration, so none is flattered by keeping samples that
 * benign drift would flip. Both margin pools are walked into one band, set from one noise floor, so
 * that they are compared at the same margin.
 */
final class PoolBuilder {

    private final DifferentiableModel model;
    private final InferenceModel inference;
    private final EvaluationSettings settings;
    private final List<Variation> variations;
    private final EvaluationListener listener;

    /**
     * What was built.
     *
     * @param pools the pools asked for, in {@link PoolKind} order
     * @param tuning the margin band, if a margin pool was asked for
     * @param joints how the pools ordered by flip cover were ordered, in {@link PoolKind} order
     */
    record Built(List<SamplePool> pools, Optional<PoolTuning> tuning, List<JointOrder> joints) {}

    /** A list of samples with their reference outputs and their drift under the variations. */
    private record Calibrated(
            List<FloatTensor> inputs, List<FloatTensor> reference, DriftCalibration calibration) {}

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

    /**
     * Units of work {@link #build} reports: one per generated sample, one for the band, one per
     * margin walk, one per simulated change, one per pool.
     */
    static long work(EvaluationSettings s) {
        long n = s.poolSize();
        long work = s.pools().size();
        work += s.generatesSensitive() ? n : 0;
        work += s.has(PoolKind.SENSITIVE_LAST) ? n : 0;
        work += s.pools().stream().anyMatch(PoolKind::tuned) ? 1 : 0;
        work += s.has(PoolKind.MARGIN_ONLY) ? n : 0;
        work += s.tunesSensitive() ? n : 0;
        work += s.has(PoolKind.JOINT) ? s.joint().changes().size() : 0;
        work += s.has(PoolKind.JOINT_PAIRS) ? s.joint().changes().size() : 0;
        work += s.buildsPairs() ? n : 0;
        return work;
    }

    Built build(List<FloatTensor> seeds) {
        GeneratorSettings g = settings.generator();
        double peak = g.valueMax() - g.valueMin();
        List<SamplePool> pools = new ArrayList<>();
        Optional<PoolTuning> tuning = Optional.empty();
        List<JointOrder> joints = new ArrayList<>();
        try (SensitivityObjective all = SensitivityObjective.create(model, WeightSelection.all());
                NeuronActivations activations = settings.cover().open(model)) {
            List<GeneratedSample> sensitive = null;
            Calibrated sensitiveCal = null;
            if (settings.generatesSensitive()) {
                sensitive = generate(all, seeds, PoolKind.SENSITIVE);
                sensitiveCal = calibrated(samples(sensitive));
            }
            if (settings.has(PoolKind.SENSITIVE)) {
                pools.add(
                        report(
                                fromGenerated(
                                        PoolKind.SENSITIVE,
                                        sensitive,
                                        sensitiveCal,
                                        peak,
                                        activations)));
            }
            if (settings.has(PoolKind.SENSITIVE_LAST)) {
                try (SensitivityObjective last =
                        SensitivityObjective.create(model, WeightSelection.lastLayer())) {
                    List<GeneratedSample> sensitiveLast =
                            generate(last, seeds, PoolKind.SENSITIVE_LAST);
                    pools.add(
                            report(
                                    fromGenerated(
                                            PoolKind.SENSITIVE_LAST,
                                            sensitiveLast,
                                            calibrated(samples(sensitiveLast)),
                                            peak,
                                            activations)));
                }
            }

            boolean tuned = settings.pools().stream().anyMatch(PoolKind::tuned);
            boolean measured = tuned && settings.marginTuning().declaredFloor().isEmpty();
            Calibrated naturalCal =
                    settings.has(PoolKind.NATURAL) || measured ? calibrated(seeds) : null;
            List<GeneratedSample> unchanged =
                    settings.has(PoolKind.MARGIN_ONLY) ? unchanged(all, seeds, sensitive) : null;
            if (settings.has(PoolKind.NATURAL)) {
                List<SampleStats> natural = new ArrayList<>();
                for (int i = 0; i < seeds.size(); i++) {
                    double s0 =
                            sensitive != null
                                    ? sensitive.get(i).seedSensitivity()
                                    : unchanged != null
                                            ? unchanged.get(i).seedSensitivity()
                                            : ObjectiveProbe.forSeed(
                                                            all, seeds.get(i), settings.classes())
                                                    .probe(seeds.get(i))
                                                    .sensitivity();
                    natural.add(new SampleStats(s0, s0, 0, 0, Double.POSITIVE_INFINITY, 1));
                }
                pools.add(
                        report(
                                pool(
                                        PoolKind.NATURAL,
                                        naturalCal,
                                        nulls(seeds.size()),
                                        natural,
                                        indices(seeds.size()),
                                        new TreeMap<>(),
                                        activations)));
            }

            if (settings.has(PoolKind.NOISE)) {
                pools.add(report(noisePool(all, seeds, g, activations)));
            }

            if (tuned) {
                PoolTuning band = band(naturalCal, sensitiveCal);
                tuning = Optional.of(band);
                MarginWalker.Band walkBand = new MarginWalker.Band(band.low(), band.high());
                try (MarginObjective margin = MarginObjective.create(model)) {
                    MarginTuner tuner =
                            new MarginTuner(
                                    margin,
                                    g,
                                    seed -> ObjectiveProbe.forSeed(all, seed, settings.classes()));
                    if (settings.has(PoolKind.MARGIN_ONLY)) {
                        MarginTuner.Result r =
                                tuner.tune(
                                        unchanged,
                                        walkBand,
                                        walks(PoolKind.MARGIN_ONLY, seeds.size()));
                        pools.add(report(tunedPool(PoolKind.MARGIN_ONLY, r, peak, activations)));
                    }
                    if (settings.tunesSensitive()) {
                        MarginTuner.Result r =
                                tuner.tune(
                                        sensitive,
                                        walkBand,
                                        walks(PoolKind.SENSITIVE_MARGIN, seeds.size()));
                        SamplePool sm = tunedPool(PoolKind.SENSITIVE_MARGIN, r, peak, activations);
                        if (settings.has(PoolKind.SENSITIVE_MARGIN)) {
                            pools.add(report(sm));
                        }
                        if (settings.has(PoolKind.JOINT)) {
                            JointPool j = joint(sm, PoolKind.JOINT);
                            pools.add(j.pool());
                            joints.add(j.order());
                        }
                        if (settings.buildsPairs()) {
                            SamplePool pairs =
                                    pairs(
                                            sm,
                                            new MarginWalker(margin, g),
                                            walkBand,
                                            all,
                                            peak,
                                            activations);
                            if (settings.has(PoolKind.PAIRS)) {
                                pools.add(report(pairs));
                            }
                            if (settings.has(PoolKind.JOINT_PAIRS)) {
                                JointPool j = joint(pairs, PoolKind.JOINT_PAIRS);
                                pools.add(j.pool());
                                joints.add(j.order());
                            }
                        }
                    }
                }
            }
        }
        pools.sort(Comparator.comparing(SamplePool::kind));
        return new Built(pools, tuning, joints);
    }

    private List<GeneratedSample> generate(
            SensitivityObjective objective, List<FloatTensor> seeds, PoolKind kind) {
        List<GeneratedSample> out = new ArrayList<>(seeds.size());
        for (int i = 0; i < seeds.size(); i++) {
            FloatTensor seed = seeds.get(i);
            GeneratedSample s =
                    new SensitiveSampleGenerator(
                                    ObjectiveProbe.forSeed(objective, seed, settings.classes()),
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

    /**
     * The seeds as samples that were not ascended, with S(x0): taken from the sensitive run when
     * there is one, else probed.
     */
    private List<GeneratedSample> unchanged(
            SensitivityObjective all, List<FloatTensor> seeds, List<GeneratedSample> sensitive) {
        List<GeneratedSample> out = new ArrayList<>(seeds.size());
        for (int i = 0; i < seeds.size(); i++) {
            FloatTensor seed = seeds.get(i);
            SensitivityProbe.Probe p =
                    ObjectiveProbe.forSeed(all, seed, settings.classes()).probe(seed);
            double s0 = sensitive != null ? sensitive.get(i).seedSensitivity() : p.sensitivity();
            out.add(GeneratedSample.atSeed(seed, p.output(), s0));
        }
        return out;
    }

    /**
     * The band both margin pools are walked into: K times one noise floor, declared, or measured on
     * the walks' starting points (the seeds, and the sensitive samples when they were generated)
     * under the same benign variations as calibration.
     */
    private PoolTuning band(Calibrated natural, Calibrated sensitive) {
        MarginTuning t = settings.marginTuning();
        boolean measured = t.declaredFloor().isEmpty();
        double floor = t.floor(() -> measuredFloor(natural, sensitive));
        MarginWalker.Band b = t.band(floor);
        int on = 0;
        List<String> names = List.of();
        if (measured) {
            on = natural.inputs().size() + (sensitive == null ? 0 : sensitive.inputs().size());
            names = natural.calibration().variations();
        }
        PoolTuning p = new PoolTuning(t.factor(), floor, measured, b.low(), b.high(), names, on);
        listener.advanced(
                1,
                String.format(
                        Locale.ROOT,
                        "margin band %.3g to %.3g: K = %s times the %s noise floor %.3g",
                        p.low(),
                        p.high(),
                        t.factor(),
                        measured ? "measured" : "declared",
                        floor));
        return p;
    }

    private static double measuredFloor(Calibrated natural, Calibrated sensitive) {
        double f = MarginTuner.noiseFloor(natural.calibration(), natural.reference());
        if (sensitive != null) {
            f = Math.max(f, MarginTuner.noiseFloor(sensitive.calibration(), sensitive.reference()));
        }
        return f;
    }

    private MarginTuner.Listener walks(PoolKind kind, int total) {
        return (i, o) ->
                listener.advanced(
                        1,
                        o instanceof MarginWalker.Tuned t
                                ? String.format(
                                        Locale.ROOT,
                                        "%s %d/%d: margin %.3g in the band (%d evaluations)",
                                        kind.id(),
                                        i + 1,
                                        total,
                                        t.reading().margin(),
                                        t.evaluations())
                                : String.format(
                                        Locale.ROOT,
                                        "%s %d/%d: untunable, %s",
                                        kind.id(),
                                        i + 1,
                                        total,
                                        ((MarginWalker.Failed) o).reason()));
    }

    /** The tuned samples as a pool; the untunable ones are left out and counted. */
    private SamplePool tunedPool(
            PoolKind kind, MarginTuner.Result r, double peak, NeuronActivations activations) {
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < r.samples().size(); i++) {
            if (!r.failures().containsKey(i)) {
                index.add(i);
            }
        }
        if (index.isEmpty()) {
            throw new BadInputException(
                    "no sample of the "
                            + kind.id()
                            + " pool could be walked into the margin band (first reason: "
                            + r.failures().get(r.failures().firstKey())
                            + "); try another --margin-factor or --noise-floor");
        }
        List<GeneratedSample> tuned = r.tuned();
        return fromGenerated(
                kind, tuned, calibrated(samples(tuned)), peak, activations, index, r.failures());
    }

    private record JointPool(SamplePool pool, JointOrder order) {}

    /**
     * {@code base}'s samples ordered unit by unit (sample, or pair) by the flip cover of simulated
     * changes, a unit catching a change when any of its members flips: every change is applied to
     * the live weights and undone, and the greedy choice runs over the whole pool, so that the
     * order ranks every unit.
     */
    private JointPool joint(SamplePool base, PoolKind kind) {
        JointSelection j = settings.joint();
        List<JointSelection.SimulatedChange> changes = j.changes();
        boolean[][] flips =
                SimulatedFlips.labelFlips(
                        model, base.inputs(), changes, () -> listener.advanced(1, null));
        int unit = kind.unit();
        int units = base.size() / unit;
        // Members of a unit are adjacent in the pool (a1, b1, a2, b2, ...).
        int[][] members =
                IntStream.range(0, units)
                        .mapToObj(u -> IntStream.range(u * unit, (u + 1) * unit).toArray())
                        .toArray(int[][]::new);
        double[] sensitivity = new double[units];
        for (int i = 0; i < base.size(); i++) {
            sensitivity[i / unit] += base.samples().get(i).stats().sensitivity();
        }
        FlipCoverSelector.Selection sel =
                FlipCoverSelector.select(
                        FlipCoverSelector.anyMember(flips, members), sensitivity, units);
        SamplePool pool = base.reordered(kind, sel.members(unit));
        List<String> families = j.families().stream().map(a -> a.spec()).toList();
        JointOrder order =
                new JointOrder(
                        kind,
                        families,
                        j.draws(),
                        changes.size(),
                        sel.caughtAfter(),
                        AttackRunner.inSample(settings));
        listener.advanced(
                1,
                String.format(
                        Locale.ROOT,
                        "%s pool: the %d %s in flip-cover order; the first 1/5 catch %.3g/%.3g of"
                                + " %d simulated changes, all %.3g",
                        kind.id(),
                        units,
                        unit == 1 ? base.kind().id() + " samples" : "pairs",
                        sel.caughtAfter().get(0),
                        sel.caughtAfter().get(Math.min(5, units) - 1),
                        changes.size(),
                        order.caught()));
        return new JointPool(pool, order);
    }

    /**
     * Boundary pairs (method.md §7): every sensitive_margin sample, in its MANC order, with its
     * twin across the boundary. Anchors and twins are calibrated together and a pair is kept only
     * when both members are, so the pool holds complete pairs, members adjacent, already in order.
     */
    private SamplePool pairs(
            SamplePool sm,
            MarginWalker walker,
            MarginWalker.Band band,
            SensitivityObjective all,
            double peak,
            NeuronActivations activations) {
        int[] order = sm.order();
        List<FloatTensor> inputs = new ArrayList<>();
        List<FloatTensor> seeds = new ArrayList<>();
        List<SampleStats> stats = new ArrayList<>();
        List<Integer> seedIndex = new ArrayList<>();
        SortedMap<Integer, String> untunable = new TreeMap<>();
        for (int k = 0; k < order.length; k++) {
            FingerprintSample a = sm.samples().get(order[k]);
            int index = SamplePool.seedIndex(a);
            MarginWalker.Outcome o = walker.cross(a.seed(), a.input(), a.label(), band);
            if (o instanceof MarginWalker.Tuned t) {
                FloatTensor twin = t.sample();
                double s =
                        ObjectiveProbe.forSeed(all, twin, settings.classes())
                                .probe(twin)
                                .sensitivity();
                inputs.add(a.input());
                inputs.add(twin);
                seeds.add(a.seed());
                seeds.add(a.seed());
                stats.add(a.stats());
                stats.add(
                        new SampleStats(
                                a.stats().seedSensitivity(),
                                s,
                                ImageQuality.rms(twin, a.seed()),
                                ImageQuality.linf(twin, a.seed()),
                                ImageQuality.psnr(twin, a.seed(), peak),
                                ImageQuality.ssim(twin, a.seed(), peak)));
                seedIndex.add(index);
                seedIndex.add(index);
            } else {
                untunable.put(index, ((MarginWalker.Failed) o).reason());
            }
            listener.advanced(
                    1,
                    o instanceof MarginWalker.Tuned t
                            ? String.format(
                                    Locale.ROOT,
                                    "pairs %d/%d: twin of class %d at margin %.3g, %.3g RMS from"
                                            + " its anchor (%d evaluations)",
                                    k + 1,
                                    order.length,
                                    Outputs.argmax(t.reading().output().data()),
                                    t.reading().margin(),
                                    ImageQuality.rms(t.sample(), a.input()),
                                    t.evaluations())
                            : String.format(
                                    Locale.ROOT,
                                    "pairs %d/%d: no twin, %s",
                                    k + 1,
                                    order.length,
                                    ((MarginWalker.Failed) o).reason()));
        }
        // One unit was announced per seed; calibration may have left fewer anchors.
        if (settings.poolSize() > order.length) {
            listener.advanced(settings.poolSize() - order.length, null);
        }
        if (inputs.isEmpty()) {
            throw new BadInputException(
                    "no sensitive_margin sample has a twin across its boundary in the band (first"
                            + " reason: "
                            + untunable.get(untunable.firstKey())
                            + ")");
        }
        Calibrated cal = calibrated(inputs);
        List<Integer> kept = cal.calibration().kept();
        List<FingerprintSample> samples = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i += 2) {
            if (!kept.contains(i) || !kept.contains(i + 1)) {
                continue;
            }
            for (int m = i; m <= i + 1; m++) {
                samples.add(
                        SamplePool.sample(
                                seedIndex.get(m) + (m == i ? "" : "b"),
                                inputs.get(m),
                                cal.reference().get(m),
                                seeds.get(m),
                                stats.get(m)));
                candidates.add(
                        new Candidate(
                                activations.active(inputs.get(m)), stats.get(m).sensitivity()));
            }
        }
        if (samples.isEmpty()) {
            throw new BadInputException(
                    "every boundary pair has a member within benign drift of flipping; nothing to"
                            + " evaluate");
        }
        double covered =
                NeuronCoverSelector.select(candidates, candidates.size(), activations.neuronCount())
                        .coveredFraction();
        return new SamplePool(
                PoolKind.PAIRS,
                samples,
                indices(samples.size()).stream().mapToInt(Integer::intValue).toArray(),
                2 * order.length,
                cal.calibration(),
                covered,
                untunable);
    }

    private SamplePool noisePool(
            SensitivityObjective all,
            List<FloatTensor> seeds,
            GeneratorSettings g,
            NeuronActivations activations) {
        List<FloatTensor> noise = noise(seeds.size(), seeds.get(0).shape(), g);
        List<SampleStats> noiseStats = new ArrayList<>();
        for (FloatTensor x : noise) {
            double s = ObjectiveProbe.forSeed(all, x, settings.classes()).probe(x).sensitivity();
            noiseStats.add(
                    new SampleStats(Double.NaN, s, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        return pool(
                PoolKind.NOISE,
                calibrated(noise),
                nulls(noise.size()),
                noiseStats,
                indices(noise.size()),
                new TreeMap<>(),
                activations);
    }

    private SamplePool fromGenerated(
            PoolKind kind,
            List<GeneratedSample> generated,
            Calibrated calibrated,
            double peak,
            NeuronActivations activations) {
        return fromGenerated(
                kind,
                generated,
                calibrated,
                peak,
                activations,
                indices(generated.size()),
                new TreeMap<>());
    }

    private SamplePool fromGenerated(
            PoolKind kind,
            List<GeneratedSample> generated,
            Calibrated calibrated,
            double peak,
            NeuronActivations activations,
            List<Integer> seedIndex,
            SortedMap<Integer, String> untunable) {
        List<FloatTensor> seeds = new ArrayList<>();
        List<SampleStats> stats = new ArrayList<>();
        for (GeneratedSample g : generated) {
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
        return pool(kind, calibrated, seeds, stats, seedIndex, untunable, activations);
    }

    private Calibrated calibrated(List<FloatTensor> inputs) {
        List<FloatTensor> reference = ModelVariations.oneByOne(inference, inputs);
        DriftCalibration c =
                new DriftCalibrator(settings.safety()).calibrate(inputs, reference, variations);
        return new Calibrated(inputs, reference, c);
    }

    private SamplePool pool(
            PoolKind kind,
            Calibrated calibrated,
            List<FloatTensor> seeds,
            List<SampleStats> stats,
            List<Integer> seedIndex,
            SortedMap<Integer, String> untunable,
            NeuronActivations activations) {
        List<FloatTensor> inputs = calibrated.inputs();
        DriftCalibration calibration = calibrated.calibration();
        List<Integer> kept = calibration.kept();
        if (kept.isEmpty()) {
            throw new BadInputException(
                    "every sample of the "
                            + kind.id()
                            + " pool is within benign drift of flipping; nothing to evaluate");
        }
        List<FingerprintSample> samples = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (int i : kept) {
            samples.add(
                    SamplePool.sample(
                            seedIndex.get(i),
                            inputs.get(i),
                            calibrated.reference().get(i),
                            seeds.get(i),
                            stats.get(i)));
            candidates.add(
                    new Candidate(activations.active(inputs.get(i)), stats.get(i).sensitivity()));
        }
        Selection order =
                NeuronCoverSelector.select(
                        candidates, candidates.size(), activations.neuronCount());
        int[] ordered = order.chosen().stream().mapToInt(Integer::intValue).toArray();
        return new SamplePool(
                kind,
                samples,
                ordered,
                inputs.size() + untunable.size(),
                calibration,
                order.coveredFraction(),
                untunable);
    }

    /** One unit of work for a finished pool, with what calibration kept. */
    private SamplePool report(SamplePool p) {
        String margins =
                p.kind().tuned()
                        ? String.format(
                                Locale.ROOT,
                                ", %d untunable, margins %.3g to %.3g",
                                p.untunable().size(),
                                p.samples().stream()
                                        .mapToDouble(FingerprintSample::margin)
                                        .min()
                                        .orElse(Double.NaN),
                                p.samples().stream()
                                        .mapToDouble(FingerprintSample::margin)
                                        .max()
                                        .orElse(Double.NaN))
                        : "";
        listener.advanced(
                1,
                String.format(
                        Locale.ROOT,
                        "%s pool: %d of %d kept by calibration (probs tolerance %.3g)%s",
                        p.kind().id(),
                        p.size(),
                        p.generated() - p.kind().unit() * p.untunable().size(),
                        p.tolerance(),
                        margins));
        return p;
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

    private static List<FloatTensor> samples(List<GeneratedSample> generated) {
        return generated.stream().map(GeneratedSample::sample).toList();
    }

    private static List<Integer> indices(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static List<FloatTensor> nulls(int n) {
        List<FloatTensor> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(null);
        }
        return out;
    }
}
