package dev.sensiprint.generate;

import dev.sensiprint.calibrate.DriftCalibration;
import dev.sensiprint.calibrate.DriftCalibrator;
import dev.sensiprint.tensor.FloatTensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Margin tuning of a list of samples (method.md §7): the noise floor f the band is set from, and
 * the walk of every sample into the band. One piece for {@code generate}'s pipeline and {@code
 * evaluate}'s margin pools, so that both tune alike.
 */
public final class MarginTuner {

    private final MarginWalker walker;
    private final Function<FloatTensor, SensitivityProbe> probes;

    /** Hears about each walk as it ends. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (index, outcome) -> {};

        void walked(int index, MarginWalker.Outcome outcome);
    }

    /**
     * What tuning did.
     *
     * @param samples one per input, in order: the tuned sample, or the input unchanged where tuning
     *     failed
     * @param failures input index → why it could not be tuned
     */
    public record Result(List<GeneratedSample> samples, SortedMap<Integer, String> failures) {

        public Result {
            samples = List.copyOf(samples);
            failures = Collections.unmodifiableSortedMap(new TreeMap<>(failures));
        }

        /** The tuned samples only, in order. */
        public List<GeneratedSample> tuned() {
            List<GeneratedSample> out = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                if (!failures.containsKey(i)) {
                    out.add(samples.get(i));
                }
            }
            return out;
        }
    }

    /**
     * @param margin the top-1 margin and its input gradient
     * @param settings the ball and pixel range the walk stays in
     * @param probes S at a point, for the statistics of a tuned sample; the class set is fixed from
     *     the seed given
     */
    public MarginTuner(
            MarginProbe margin,
            GeneratorSettings settings,
            Function<FloatTensor, SensitivityProbe> probes) {
        this.walker = new MarginWalker(margin, settings);
        this.probes = probes;
    }

    /**
     * The noise floor f: the largest output deviation of any sample under the calibration's benign
     * variations, and never below float32's resolution at the outputs' scale ({@link
     * DriftCalibrator#RELATIVE_FLOOR}), so that bit-identical reruns do not give f = 0.
     *
     * @param calibration drift measured on the samples (kept or not: every one counts)
     * @param reference the outputs calibration compared against, one per sample
     */
    public static double noiseFloor(DriftCalibration calibration, List<FloatTensor> reference) {
        if (calibration.samples().size() != reference.size()) {
            throw new IllegalArgumentException("one reference output per calibrated sample");
        }
        double floor = 0;
        double scale = 0;
        for (int i = 0; i < reference.size(); i++) {
            floor = Math.max(floor, calibration.samples().get(i).maxDeviation());
            for (float v : reference.get(i).data()) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        return Math.max(floor, DriftCalibrator.RELATIVE_FLOOR * scale);
    }

    /**
     * Walks every sample into {@code band}, keeping its seed's top-1 label, inside the ball around
     * its seed. A sample that cannot reach the band is returned unchanged and listed as a failure.
     */
    public Result tune(List<GeneratedSample> samples, MarginWalker.Band band, Listener listener) {
        List<GeneratedSample> out = new ArrayList<>(samples.size());
        SortedMap<Integer, String> failures = new TreeMap<>();
        for (int i = 0; i < samples.size(); i++) {
            GeneratedSample g = samples.get(i);
            SensitivityProbe probe = probes.apply(g.seed());
            MarginWalker.Outcome o = walker.walk(g.seed(), g.sample(), g.seedLabel(), band);
            if (o instanceof MarginWalker.Tuned tuned) {
                out.add(g.movedTo(tuned.sample(), probe.probe(tuned.sample())));
            } else {
                out.add(g);
                failures.put(i, ((MarginWalker.Failed) o).reason());
            }
            listener.walked(i, o);
        }
        return new Result(out, failures);
    }
}
