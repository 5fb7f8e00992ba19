package dev.sensiprint.evaluation;

import dev.sensiprint.calibrate.DriftCalibration;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.fingerprint.SampleStats;
import dev.sensiprint.stats.Median;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One pool of candidate fingerprint samples, after calibration dropped those benign drift could
 * flip.
 *
 * @param kind how the samples were made
 * @param samples the kept samples, as a fingerprint would hold them (input, expected output, label,
 *     margin, seed where there is one, sensitivities)
 * @param order the order of the kept samples (indices into {@code samples}) that in-order detection
 *     queries: MANC with ties by S, or for a pool that {@link PoolKind#reordering() reorders}
 *     another the flip-cover choice
 * @param generated how many samples there were before margin tuning and calibration (one per seed;
 *     for {@link PoolKind#PAIRS} two per sensitive_margin sample, anchor and twin)
 * @param calibration what calibration measured over the samples it was given (the tuned ones, for a
 *     margin pool)
 * @param coveredFraction share of the MANC units (the settings' cover layers) active on at least
 *     one kept sample
 * @param untunable for a margin pool, seed index → why its sample could not be walked into the band
 *     (it is not in the pool), for {@link PoolKind#PAIRS} why the anchor has no twin; empty
 *     otherwise
 */
public record SamplePool(
        PoolKind kind,
        List<FingerprintSample> samples,
        int[] order,
        int generated,
        DriftCalibration calibration,
        double coveredFraction,
        SortedMap<Integer, String> untunable) {

    public SamplePool {
        samples = List.copyOf(samples);
        if (samples.size() % kind.unit() != 0) {
            throw new IllegalArgumentException(
                    kind.id() + " pool holds " + samples.size() + " samples, not whole units");
        }
        untunable = Collections.unmodifiableSortedMap(new TreeMap<>(untunable));
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(kind.id() + " pool is empty");
        }
        if (order.length != samples.size()) {
            throw new IllegalArgumentException("the order must list every sample once");
        }
        order = order.clone();
    }

    @Override
    public int[] order() {
        return order.clone();
    }

    public int size() {
        return samples.size();
    }

    /**
     * Samples dropped by calibration: neither untunable nor kept. For {@link PoolKind#PAIRS} an
     * untunable entry is a pair (its anchor has no twin) and a pair is dropped whole when either
     * member is.
     */
    public int droppedByCalibration() {
        return generated - kind.unit() * untunable.size() - samples.size();
    }

    /** The same samples in another order, as another kind of pool. */
    SamplePool reordered(PoolKind newKind, int[] newOrder) {
        return new SamplePool(
                newKind, samples, newOrder, generated, calibration, coveredFraction, untunable);
    }

    /** The probs-mode tolerance calibration set for this pool. */
    public double tolerance() {
        return calibration.tolerance();
    }

    public List<FloatTensor> inputs() {
        return samples.stream().map(FingerprintSample::input).toList();
    }

    /** The median top-1 margin of the kept samples' expected outputs. */
    public double medianMargin() {
        return Median.of(samples.stream().mapToDouble(FingerprintSample::margin).toArray());
    }

    /** The median S(x)/S(x0) of the kept samples, NaN for pools that were not generated. */
    public double medianGain() {
        return Median.of(samples.stream().mapToDouble(s -> s.stats().gain()).toArray());
    }

    /** The median PSNR against the seed, NaN where there is no seed. */
    public double medianPsnr() {
        return Median.of(samples.stream().mapToDouble(s -> s.stats().psnr()).toArray());
    }

    /** The seed index a pool sample was named after ({@code p0007} and {@code p0007b}: 7). */
    static int seedIndex(FingerprintSample s) {
        return Integer.parseInt(s.id().substring(1).replaceAll("[^0-9]", ""));
    }

    /** A pool sample as the comparators take it, named {@code p} and its seed index. */
    static FingerprintSample sample(
            int index, FloatTensor input, FloatTensor expected, FloatTensor seed, SampleStats s) {
        return sample(Integer.toString(index), input, expected, seed, s);
    }

    /**
     * A pool sample named {@code p}, the seed index zero-padded and a suffix ({@code 7b}: the
     * boundary twin of seed 7's sample).
     */
    static FingerprintSample sample(
            String index,
            FloatTensor input,
            FloatTensor expected,
            FloatTensor seed,
            SampleStats s) {
        float[] out = expected.data();
        int[] top = Outputs.topK(out, Math.min(5, out.length));
        String digits = index.replaceAll("[^0-9]", "");
        return new FingerprintSample(
                "p" + "0".repeat(Math.max(0, 4 - digits.length())) + index,
                input,
                expected,
                top[0],
                top,
                Outputs.margin(out),
                seed,
                s);
    }
}
