package dev.sensiprint.tensor;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Reading a classifier's output vector: labels, top-k, margin. Ties go to the lower class index, as
 * {@code torch.argmax} does on CPU, so that Java and the model agree on the label.
 */
public final class Outputs {

    private Outputs() {}

    /** The index of the largest value (the first one on ties). */
    public static int argmax(float[] v) {
        requireNonEmpty(v);
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The indices of the k largest values in decreasing order (lower index first on ties). */
    public static int[] topK(float[] v, int k) {
        requireNonEmpty(v);
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        return IntStream.range(0, v.length)
                .boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -v[i]).thenComparingInt(i -> i))
                .limit(k)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** Largest minus second-largest value: how far the top-1 label is from flipping. */
    public static float margin(float[] v) {
        if (v.length < 2) {
            throw new IllegalArgumentException("a margin needs at least 2 outputs");
        }
        int[] top = topK(v, 2);
        return v[top[0]] - v[top[1]];
    }

    private static void requireNonEmpty(float[] v) {
        if (v.length == 0) {
            throw new IllegalArgumentException("empty output vector");
        }
    }

    /** Row {@code i} of a batch of output vectors (N × K). */
    public static float[] row(FloatTensor batch, int i) {
        if (batch.rank() != 2) {
            throw new IllegalArgumentException(
                    "expected N×K outputs, got " + Arrays.toString(batch.shape()));
        }
        int k = batch.shape()[1];
        return Arrays.copyOfRange(batch.data(), i * k, (i + 1) * k);
    }
}
