package dev.sensiprint.generate;

import dev.sensiprint.calibrate.DriftCalibration;
import dev.sensiprint.calibrate.DriftCalibrator;
import dev.sensiprint.calibrate.Variation;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.fingerprint.SampleStats;
import dev.sensiprint.quality.ImageQuality;
import dev.sensiprint.select.FlipCoverSelector;
import dev.sensiprint.select.NeuronCoverSelector;
import dev.sensiprint.select.NeuronCoverSelector.Candidate;
import dev.sensiprint.select.NeuronCoverSelector.Selection;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.IntStream;

/**
 * From seeds to fingerprint samples: generate one candidate per seed, calibrate every candidate
 * against benign drift, choose the count by maximum active-neuron cover among the safe ones, and
 * record the outputs the genuine model gives.
 *
 * <p>Calibration runs before selection, so dropping unsafe candidates does not shrink the
 * fingerprint below the requested count while safe candidates remain.
 */
public final class FingerprintPipeline {

    private final Model model;
    private final PipelineSettings settings;

    /** What the pipeline needs of the model; the torch module wires the real one. */
    public interface Model {
        /** A probe whose class set is fixed from {@code seed}. */
        SensitivityProbe probeFor(FloatTensor seed);

        /** The neurons active on a sample, for MANC. */
        BitSet activeNeurons(FloatTensor sample);

        /** How many neurons {@link #activeNeurons} indexes. */
        int neuronCount();

        /** The reference outputs recorded in the fingerprint (batch of one, fixed threads). */
        List<FloatTensor> outputs(List<FloatTensor> samples);

        /** The benign variations calibration runs. */
        List<Variation> variations();

        /** The largest pixel value, for PSNR and SSIM. */
        double peak();

        /**
         * flips[i][p]: whether sample i's top-1 label changes under simulated change p, each change
         * applied to a copy of the weights that is restored afterwards.
         */
        default boolean[][] labelFlips(
                List<FloatTensor> samples, List<JointSelection.SimulatedChange> changes) {
            throw new UnsupportedOperationException("this model does not simulate tampering");
        }

        /** The top-1 margin and its input gradient, for margin tuning. */
        default MarginProbe marginProbe() {
            throw new UnsupportedOperationException("this model does not offer margin tuning");
        }
    }

    /** Hears about progress over the candidates. */
    public interface Listener {
        Listener NONE = new Listener() {};

        default void candidateStarted(int index, int total) {}

        default void step(int index, int step, double sensitivity) {}

        default void candidateDone(int index, GeneratedSample sample) {}
    }

    /**
     * What came out.
     *
     * @param samples the fingerprint's samples, in order of choice (with boundary pairs: each
     *     chosen candidate followed by its twin, id suffix {@code b})
     * @param candidates every generated candidate
     * @param calibration drift measured over all candidates (then, with boundary pairs, over their
     *     twins, in candidate order)
     * @param selection the neuron cover among the kept candidates (indices into those kept)
     * @param tuning the margin band used and the candidates it could not tune, if tuning ran
     * @param joint the simulated-tampering choice (indices into those kept), if it ran
     */
    public record Result(
            List<FingerprintSample> samples,
            List<GeneratedSample> candidates,
            DriftCalibration calibration,
            Selection selection,
            Optional<TuningReport> tuning,
            Optional<FlipCoverSelector.Selection> joint) {}

    /**
     * What margin tuning did.
     *
     * @param noiseFloor the floor f the band was set from
     * @param measured whether f was measured (or declared)
     * @param band the target band
     * @param failures candidate index → why it could not be tuned (it is not used)
     */
    public record TuningReport(
            double noiseFloor,
            boolean measured,
            MarginWalker.Band band,
            SortedMap<Integer, String> failures) {}

    public FingerprintPipeline(Model model, PipelineSettings settings) {
        this.model = model;
        this.settings = settings;
    }

    /**
     * Runs the pipeline.
     *
     * @throws IllegalStateException if fewer candidates survive calibration than the count asked
     */
    public Result run(List<FloatTensor> seeds, Listener listener) {
        if (seeds.size() < settings.candidates()) {
            throw new IllegalArgumentException(
                    settings.candidates() + " candidates need as many seeds, got " + seeds.size());
        }
        List<GeneratedSample> generated = new ArrayList<>();
        int total = settings.candidates();
        for (int i = 0; i < total; i++) {
            int index = i;
            listener.candidateStarted(i, total);
            GeneratedSample g =
                    settings.objective() == Objective.SENSITIVITY
                            ? new SensitiveSampleGenerator(
                                            model.probeFor(seeds.get(i)), settings.generator())
                                    .generate(
                                            seeds.get(i),
                                            (step, s) -> listener.step(index, step, s))
                            : unchanged(seeds.get(i));
            generated.add(g);
            listener.candidateDone(i, g);
        }

        Optional<TuningReport> tuning = Optional.empty();
        if (settings.marginTuning().isPresent()) {
            TuningReport report = tune(generated, settings.marginTuning().get());
            tuning = Optional.of(report);
        }
        // Boundary pairs: twins[i] is candidate i's twin across its boundary, or null. Twins are
        // calibrated with the candidates, after them: input total + i.
        List<GeneratedSample> twins =
                settings.pairs() ? twins(generated, tuning.orElseThrow()) : List.of();
        List<FloatTensor> inputs = new ArrayList<>();
        generated.forEach(g -> inputs.add(g.sample()));
        for (GeneratedSample t : twins) {
            if (t != null) {
                inputs.add(t.sample());
            }
        }
        List<FloatTensor> reference = model.outputs(inputs);
        DriftCalibration calibration =
                new DriftCalibrator(settings.safety())
                        .calibrate(inputs, reference, model.variations());
        List<Integer> kept = new ArrayList<>();
        int[] twinInput = new int[twins.size()];
        for (int i = 0, next = total; i < twins.size(); i++) {
            twinInput[i] = twins.get(i) == null ? -1 : next++;
        }
        for (int i : calibration.kept()) {
            if (i < total
                    && (!settings.pairs()
                            || twinInput[i] >= 0
                                    && calibration.samples().get(twinInput[i]).kept())) {
                kept.add(i);
            }
        }
        tuning.ifPresent(t -> kept.removeAll(t.failures().keySet()));
        if (kept.size() < settings.anchors()) {
            throw new IllegalStateException(
                    String.format(
                            Locale.ROOT,
                            "only %d of %d candidates are safe from benign drift%s; %d were asked for",
                            kept.size(),
                            total,
                            settings.pairs()
                                    ? ", tunable to the margin band and have a twin across their"
                                            + " boundary that is safe too"
                                    : tuning.isPresent() ? " and tunable to the margin band" : "",
                            settings.anchors()));
        }
        List<Candidate> pool = new ArrayList<>();
        for (int i : kept) {
            pool.add(
                    new Candidate(
                            model.activeNeurons(inputs.get(i)), generated.get(i).sensitivity()));
        }
        Selection selection;
        Optional<FlipCoverSelector.Selection> joint = Optional.empty();
        if (settings.jointSelection().isPresent()) {
            FlipCoverSelector.Selection j = flipCover(kept, inputs, twinInput, generated, twins);
            joint = Optional.of(j);
            selection = NeuronCoverSelector.coverOf(pool, j.chosen(), model.neuronCount());
        } else {
            selection = NeuronCoverSelector.select(pool, settings.anchors(), model.neuronCount());
        }

        List<FingerprintSample> samples = new ArrayList<>();
        for (int choice : selection.chosen()) {
            int i = kept.get(choice);
            samples.add(
                    sample(
                            String.format(Locale.ROOT, "s%03d", i),
                            generated.get(i),
                            reference.get(i)));
            if (settings.pairs()) {
                samples.add(
                        sample(
                                String.format(Locale.ROOT, "s%03db", i),
                                twins.get(i),
                                reference.get(twinInput[i])));
            }
        }
        return new Result(samples, generated, calibration, selection, tuning, joint);
    }

    /**
     * The flip cover of the simulated changes over the kept candidates, or with boundary pairs over
     * the kept pairs, a pair catching a change when its anchor or its twin flips. Ties go to the
     * larger sensitivity (of both members, for a pair), as in {@code evaluate}'s joint pools.
     */
    private FlipCoverSelector.Selection flipCover(
            List<Integer> kept,
            List<FloatTensor> inputs,
            int[] twinInput,
            List<GeneratedSample> generated,
            List<GeneratedSample> twins) {
        List<FloatTensor> asked = new ArrayList<>();
        kept.forEach(i -> asked.add(inputs.get(i)));
        if (settings.pairs()) {
            kept.forEach(i -> asked.add(inputs.get(twinInput[i])));
        }
        boolean[][] flips = model.labelFlips(asked, settings.jointSelection().get().changes());
        int n = kept.size();
        boolean[][] units =
                settings.pairs()
                        ? FlipCoverSelector.anyMember(
                                flips,
                                IntStream.range(0, n)
                                        .mapToObj(k -> new int[] {k, n + k})
                                        .toArray(int[][]::new))
                        : flips;
        double[] sensitivity =
                kept.stream()
                        .mapToDouble(
                                i ->
                                        generated.get(i).sensitivity()
                                                + (settings.pairs()
                                                        ? twins.get(i).sensitivity()
                                                        : 0))
                        .toArray();
        return FlipCoverSelector.select(units, sensitivity, settings.anchors());
    }

    /** The seed as its own candidate: no ascent, S recorded at the seed. */
    private GeneratedSample unchanged(FloatTensor seed) {
        SensitivityProbe.Probe p = model.probeFor(seed).probe(seed);
        return GeneratedSample.atSeed(seed, p.output(), p.sensitivity());
    }

    /**
     * Walks every candidate to the margin band, in place in {@code generated}; a candidate that
     * cannot be tuned keeps its sample and is reported, and never chosen.
     */
    private TuningReport tune(List<GeneratedSample> generated, MarginTuning t) {
        boolean measured = t.declaredFloor().isEmpty();
        double floor = t.floor(() -> measuredFloor(generated));
        MarginWalker.Band band = t.band(floor);
        MarginTuner.Result r =
                new MarginTuner(model.marginProbe(), settings.generator(), model::probeFor)
                        .tune(generated, band, MarginTuner.Listener.NONE);
        for (int i = 0; i < generated.size(); i++) {
            generated.set(i, r.samples().get(i));
        }
        return new TuningReport(floor, measured, band, r.failures());
    }

    /**
     * Each tuned candidate's twin just across its decision boundary, in the same band ({@link
     * MarginWalker#cross}); null for a candidate that was not tuned or has no twin.
     */
    private List<GeneratedSample> twins(List<GeneratedSample> generated, TuningReport tuning) {
        MarginWalker walker = new MarginWalker(model.marginProbe(), settings.generator());
        List<GeneratedSample> out = new ArrayList<>();
        for (int i = 0; i < generated.size(); i++) {
            GeneratedSample g = generated.get(i);
            if (tuning.failures().containsKey(i)) {
                out.add(null);
                continue;
            }
            MarginWalker.Outcome o =
                    walker.cross(g.seed(), g.sample(), g.seedLabel(), tuning.band());
            if (o instanceof MarginWalker.Tuned t) {
                out.add(g.movedTo(t.sample(), model.probeFor(t.sample()).probe(t.sample())));
            } else {
                out.add(null);
            }
        }
        return out;
    }

    /** The noise floor f of the untuned candidates under the pipeline's benign variations. */
    private double measuredFloor(List<GeneratedSample> generated) {
        List<FloatTensor> inputs = generated.stream().map(GeneratedSample::sample).toList();
        List<FloatTensor> reference = model.outputs(inputs);
        DriftCalibration c =
                new DriftCalibrator(settings.safety())
                        .calibrate(inputs, reference, model.variations());
        return MarginTuner.noiseFloor(c, reference);
    }

    private FingerprintSample sample(String id, GeneratedSample g, FloatTensor output) {
        float[] out = output.data();
        int k = Math.min(5, out.length);
        int[] top = Outputs.topK(out, k);
        SampleStats stats =
                new SampleStats(
                        g.seedSensitivity(),
                        g.sensitivity(),
                        ImageQuality.rms(g.sample(), g.seed()),
                        ImageQuality.linf(g.sample(), g.seed()),
                        ImageQuality.psnr(g.sample(), g.seed(), model.peak()),
                        ImageQuality.ssim(g.sample(), g.seed(), model.peak()));
        return new FingerprintSample(
                id, g.sample(), output, top[0], top, Outputs.margin(out), g.seed(), stats);
    }
}
