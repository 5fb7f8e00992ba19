package dev.sensiprint.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.tensor.FloatTensor;
import org.junit.jupiter.api.Test;

class OutputKindDetectorTest {

    private static FloatTensor rows(float[]... rows) {
        int k = rows[0].length;
        float[] d = new float[rows.length * k];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, d, i * k, k);
        }
        return new FloatTensor(new int[] {rows.length, k}, d);
    }

    @Test
    void nonNegativeRowsSummingToOneAreProbabilities() {
        assertThat(OutputKindDetector.detect(rows(new float[] {0.25f, 0.75f}, new float[] {1, 0})))
                .isEqualTo(OutputKind.PROBABILITIES);
    }

    @Test
    void aSumOffByLessThanTheToleranceIsStillProbabilities() {
        assertThat(OutputKindDetector.detect(rows(new float[] {0.5f, 0.50005f})))
                .isEqualTo(OutputKind.PROBABILITIES);
    }

    @Test
    void oneRowSummingElsewhereMakesLogits() {
        assertThat(
                        OutputKindDetector.detect(
                                rows(new float[] {0.5f, 0.5f}, new float[] {0.5f, 0.6f})))
                .isEqualTo(OutputKind.LOGITS);
    }

    @Test
    void aNegativeValueMakesLogitsEvenWhenTheRowSumsToOne() {
        assertThat(OutputKindDetector.detect(rows(new float[] {-0.5f, 1.5f})))
                .isEqualTo(OutputKind.LOGITS);
    }

    @Test
    void nanMakesLogits() {
        assertThat(OutputKindDetector.detect(rows(new float[] {Float.NaN, 1f})))
                .isEqualTo(OutputKind.LOGITS);
    }
}
