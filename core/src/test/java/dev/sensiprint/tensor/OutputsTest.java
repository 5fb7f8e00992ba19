package dev.sensiprint.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputsTest {

    @Test
    void topKOrdersByValueAndBreaksTiesByLowerIndex() {
        float[] v = {0.1f, 0.5f, 0.5f, 0.2f};
        assertThat(Outputs.argmax(v)).isEqualTo(1);
        assertThat(Outputs.topK(v, 3)).containsExactly(1, 2, 3);
    }

    @Test
    void marginIsTopMinusRunnerUp() {
        assertThat(Outputs.margin(new float[] {1f, 4f, 2.5f})).isEqualTo(1.5f);
        assertThat(Outputs.margin(new float[] {3f, 3f})).isZero();
    }

    @Test
    void rowSlicesABatch() {
        FloatTensor batch = new FloatTensor(new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
        assertThat(Outputs.row(batch, 1)).containsExactly(4f, 5f, 6f);
    }
}
