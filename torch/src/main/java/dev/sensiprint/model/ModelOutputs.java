package dev.sensiprint.model;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.tensor.FloatTensor;
import java.nio.file.Path;
import java.util.Arrays;

/** Checks shared by every loader on what goes into and comes out of a model. */
final class ModelOutputs {

    private ModelOutputs() {}

    /**
     * Fails with a one-line message unless {@code shape} is N×K class scores for a batch of {@code
     * batch} with K >= 2.
     */
    static void requireScores(Path model, long[] shape, long batch) {
        if (shape.length != 2
                || shape[0] != batch
                || shape[1] < 2
                || shape[1] > Integer.MAX_VALUE) {
            throw new BadInputException(
                    "model "
                            + model
                            + " returns shape "
                            + Arrays.toString(shape)
                            + " for a batch of "
                            + batch
                            + "; expected "
                            + batch
                            + "×K class scores with K >= 2");
        }
    }

    /** Fails unless {@code pixels} is N × inputShape with N >= 1. */
    static void requireBatch(ModelSpec spec, int[] shape) {
        int[] in = spec.inputShape();
        boolean ok = shape.length == in.length + 1 && shape[0] >= 1;
        for (int i = 0; ok && i < in.length; i++) {
            ok = shape[i + 1] == in[i];
        }
        if (!ok) {
            throw new IllegalArgumentException(
                    "input batch has shape "
                            + Arrays.toString(shape)
                            + ", model "
                            + spec.path().getFileName()
                            + " takes N×"
                            + Arrays.toString(in));
        }
    }

    /** The batch shape N × inputShape. */
    static long[] batchShape(ModelSpec spec, long n) {
        int[] in = spec.inputShape();
        long[] s = new long[in.length + 1];
        s[0] = n;
        for (int i = 0; i < in.length; i++) {
            s[i + 1] = in[i];
        }
        return s;
    }

    static FloatTensor tensor(long[] shape, float[] data) {
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.toIntExact(shape[i]);
        }
        return new FloatTensor(s, data);
    }
}
