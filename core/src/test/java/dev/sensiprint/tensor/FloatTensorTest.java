package dev.sensiprint.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FloatTensorTest {

    @Test
    void rejectsDataThatDoesNotFillTheShape() {
        assertThatThrownBy(() -> new FloatTensor(new int[] {2, 3}, new float[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3] holds 6 values, data has 5");
    }

    @Test
    void equalityComparesShapeAndValues() {
        FloatTensor a = new FloatTensor(new int[] {2}, new float[] {1f, 2f});
        assertThat(a).isEqualTo(FloatTensor.vector(1f, 2f));
        assertThat(a).isNotEqualTo(a.reshape(1, 2));
        assertThat(a).isNotEqualTo(FloatTensor.vector(1f, 3f));
    }

    @Test
    void detectsNonFiniteValues() {
        assertThat(FloatTensor.vector(0f, 1f).isFinite()).isTrue();
        assertThat(FloatTensor.vector(0f, Float.NaN).isFinite()).isFalse();
        assertThat(FloatTensor.vector(Float.NEGATIVE_INFINITY).isFinite()).isFalse();
    }
}
