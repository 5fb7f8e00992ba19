package dev.sensiprint.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MedianTest {

    @Test
    void oddCountTakesTheMiddleValue() {
        assertThat(Median.of(5, 1, 3)).isEqualTo(3);
    }

    @Test
    void evenCountAveragesTheMiddleTwo() {
        assertThat(Median.of(4, 1, 3, 2)).isEqualTo(2.5);
    }

    @Test
    void nanValuesAreLeftOut() {
        assertThat(Median.of(Double.NaN, 7, Double.NaN, 1, 4)).isEqualTo(4);
        assertThat(Median.of(Double.POSITIVE_INFINITY, 1)).isInfinite();
    }

    @Test
    void noValueGivesNaN() {
        assertThat(Median.of()).isNaN();
        assertThat(Median.of(Double.NaN)).isNaN();
    }
}
