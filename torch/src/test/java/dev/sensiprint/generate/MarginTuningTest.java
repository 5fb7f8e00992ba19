package dev.sensiprint.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MarginTuningTest {

    @Test
    void theBandRunsFromKTimesTheFloorToWTimesThatAndIsTwiceAsWideByDefault() {
        MarginWalker.Band wide = new MarginTuning(8, OptionalDouble.empty()).band(1e-5);
        assertThat(wide.low()).isEqualTo(8e-5);
        assertThat(wide.high()).isEqualTo(16e-5);
        MarginWalker.Band narrow = new MarginTuning(8, OptionalDouble.empty(), 1.25).band(1e-5);
        assertThat(narrow.low()).isEqualTo(wide.low());
        assertThat(narrow.high()).isEqualTo(10e-5);
    }

    @Test
    void aDeclaredFloorWinsOverTheMeasuredOne() {
        assertThat(new MarginTuning(8, OptionalDouble.of(3e-5)).floor(() -> 1.0)).isEqualTo(3e-5);
        assertThat(new MarginTuning(8, OptionalDouble.empty()).floor(() -> 2e-5)).isEqualTo(2e-5);
    }

    @Test
    void rejectsABandOfNoWidthAndAFactorCalibrationWouldUndo() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MarginTuning(8, OptionalDouble.empty(), 1.0))
                .withMessageContaining("band width must be > 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MarginTuning(8, OptionalDouble.empty(), Double.NaN))
                .withMessageContaining("band width must be > 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MarginTuning(3, OptionalDouble.empty()).requireAbove(1.5))
                .withMessageContaining("must exceed 2 × the safety factor");
    }
}
