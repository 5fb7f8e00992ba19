package dev.sensiprint.model;

import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.tensor.FloatTensor;

/**
 * Tells logits from probabilities by looking at outputs: probabilities when every row is
 * non-negative and sums to 1 within {@link #SUM_TOLERANCE}. A softmax output passes on any input;
 * logits practically never do (all-non-negative rows that happen to sum to 1 on every probe).
 */
public final class OutputKindDetector {

    /** How far from 1 a row of probabilities may sum (float32 softmax sums are within ~1e-6). */
    public static final double SUM_TOLERANCE = 1e-4;

    private OutputKindDetector() {}

    /**
     * @param scores N×K outputs of the model on a few inputs
     */
    public static OutputKind detect(FloatTensor scores) {
        if (scores.rank() != 2) {
            throw new IllegalArgumentException("scores must be N×K, got " + scores);
        }
        int n = scores.shape()[0];
        int k = scores.shape()[1];
        float[] d = scores.data();
        for (int row = 0; row < n; row++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                float v = d[row * k + j];
                if (!(v >= 0)) { // also catches NaN
                    return OutputKind.LOGITS;
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                return OutputKind.LOGITS;
            }
        }
        return n > 0 ? OutputKind.PROBABILITIES : OutputKind.LOGITS;
    }
}
