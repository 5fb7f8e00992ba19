package dev.sensiprint.fingerprint;

import dev.sensiprint.tensor.FloatTensor;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * One query of a fingerprint: the input to send and the output the genuine model gave.
 *
 * @param id short name, unique within the fingerprint, usable as a file name ({@code [a-z0-9_-]})
 * @param input the sample in pixel space, shape = the model's input shape
 * @param expected the genuine model's float32 output vector
 * @param label top-1 class of {@code expected}
 * @param topK classes of {@code expected} in decreasing order, {@code topK[0] == label}
 * @param margin top-1 margin of {@code expected}: p_top1 − p_top2 for probabilities, z_top1 −
 *     z_top2 for logits
 * @param seed the natural image the sample was made from, or null when not kept
 * @param stats generation statistics
 */
public record FingerprintSample(
        String id,
        FloatTensor input,
        FloatTensor expected,
        int label,
        int[] topK,
        float margin,
        FloatTensor seed,
        SampleStats stats) {

    private static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,64}");

    public FingerprintSample {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("sample id must match [a-z0-9_-]{1,64}, got " + id);
        }
        if (input == null || expected == null || stats == null || topK == null) {
            throw new IllegalArgumentException(
                    "sample " + id + ": input, expected, topK, stats required");
        }
        if (expected.rank() != 1) {
            throw new IllegalArgumentException(
                    "sample " + id + ": expected output must be a vector");
        }
        if (topK.length == 0 || topK[0] != label) {
            throw new IllegalArgumentException(
                    "sample " + id + ": top-k must start with the label");
        }
        for (int k : topK) {
            if (k < 0 || k >= expected.size()) {
                throw new IllegalArgumentException(
                        "sample " + id + ": class " + k + " out of range");
            }
        }
        if (seed != null && !Arrays.equals(seed.shape(), input.shape())) {
            throw new IllegalArgumentException("sample " + id + ": seed and input shapes differ");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FingerprintSample s
                && id.equals(s.id)
                && input.equals(s.input)
                && expected.equals(s.expected)
                && label == s.label
                && Arrays.equals(topK, s.topK)
                && Float.compare(margin, s.margin) == 0
                && java.util.Objects.equals(seed, s.seed)
                && stats.equals(s.stats);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "sample " + id + " label " + label;
    }
}
