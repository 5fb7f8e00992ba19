package dev.sensiprint.generate;

import dev.sensiprint.calibrate.DriftCalibration;
import dev.sensiprint.calibrate.DriftCalibrator;
import dev.sensiprint.calibrate.Variation;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.fingerprint.SampleStats;
import dev.sensiprint.quality.ImageQuality;
import dev.sensiprint.select.NeuronCoverSelector;
import dev.sensiprint.select.NeuronCoverSelector.Candidate;
import dev.sensiprint.select.NeuronCoverSelector.Selection;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

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
     * @param samples the fingerprint's samples, in order of choice
     * @param candidates every generated candidate
     * @param calibration drift measured over all candidates
     * @param selection the neuron cover among the kept candidates (indices into those kept)
     */
    public record Result(
            List<FingerprintSample> samples,
            List<GeneratedSample> candidates,
            DriftCalibration calibration,
            Selection selection) {}

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
            SensitiveSampleGenerator generator =
                    new SensitiveSampleGenerator(
                            model.probeFor(seeds.get(i)), settings.generator());
            GeneratedSample g =
                    generator.generate(seeds.get(i), (step, s) -> listener.step(index, step, s));
            generated.add(g);
            listener.candidateDone(i, g);
        }

        List<FloatTensor> inputs = generated.stream().map(GeneratedSample::sample).toList();
        List<FloatTensor> reference = model.outputs(inputs);
        DriftCalibration calibration =
                new DriftCalibrator(settings.safety())
                        .calibrate(inputs, reference, model.variations());
        List<Integer> kept = calibration.kept();
        if (kept.size() < settings.count()) {
            throw new IllegalStateException(
                    String.format(
                            Locale.ROOT,
                            "only %d of %d candidates are safe from benign drift; %d were asked for",
                            kept.size(),
                            total,
                            settings.count()));
        }
        List<Candidate> pool = new ArrayList<>();
        for (int i : kept) {
            pool.add(
                    new Candidate(
                            model.activeNeurons(inputs.get(i)), generated.get(i).sensitivity()));
        }
        Selection selection =
                NeuronCoverSelector.select(pool, settings.count(), model.neuronCount());

        List<FingerprintSample> samples = new ArrayList<>();
        for (int choice : selection.chosen()) {
            int i = kept.get(choice);
            samples.add(
                    sample(
                            String.format(Locale.ROOT, "s%03d", i),
                            generated.get(i),
                            reference.get(i)));
        }
        return new Result(samples, generated, calibration, selection);
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
