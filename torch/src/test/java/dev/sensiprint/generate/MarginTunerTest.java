package dev.sensiprint.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sensiprint.calibrate.DriftCalibration;
import dev.sensiprint.calibrate.DriftCalibration.SampleDrift;
import dev.sensiprint.tensor.FloatTensor;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The noise floor the margin band is set from, and the factor's check against the safety. */
class MarginTunerTest {

    private static SampleDrift drift(double deviation, boolean kept) {
        return new SampleDrift(deviation, true, 1, kept, kept ? "" : "dropped");
    }

    private static DriftCalibration calibration(SampleDrift... s) {
        return new DriftCalibration(List.of(s), 0, 0, List.of("threads=1"));
    }

    @Test
    void theFloorIsTheLargestDeviationOfAnySampleDroppedOrNot() {
        double f =
                MarginTuner.noiseFloor(
                        calibration(drift(2e-6, true), drift(5e-5, false)),
                        List.of(FloatTensor.vector(1f, -2f), FloatTensor.vector(3f, 0f)));
        assertThat(f).isEqualTo(5e-5);
    }

    @Test
    void bitIdenticalRerunsStillGiveTheRelativeFloatFloor() {
        double f =
                MarginTuner.noiseFloor(
                        calibration(drift(0, true), drift(0, true)),
                        List.of(FloatTensor.vector(1f, -20f), FloatTensor.vector(3f, 0f)));
        assertThat(f).isEqualTo(1e-6 * 20);
    }

    @Test
    void oneReferencePerCalibratedSampleIsRequired() {
        assertThatThrownBy(
                        () ->
                                MarginTuner.noiseFloor(
                                        calibration(drift(0, true)),
                                        List.of(FloatTensor.vector(1f), FloatTensor.vector(2f))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeclaredFloorWinsOverTheMeasuredOne() {
        MarginTuning declared = new MarginTuning(30, OptionalDouble.of(1e-4));
        MarginTuning measured = new MarginTuning(30, OptionalDouble.empty());
        assertThat(declared.floor(() -> 7)).isEqualTo(1e-4);
        assertThat(measured.floor(() -> 7)).isEqualTo(7);
        assertThat(declared.band(1e-4).low()).isCloseTo(3e-3, within(1e-15));
        assertThat(declared.band(1e-4).high()).isCloseTo(6e-3, within(1e-15));
    }

    @Test
    void theFactorMustExceedTwiceTheSafety() {
        new MarginTuning(21, OptionalDouble.empty()).requireAbove(10);
        assertThatThrownBy(() -> new MarginTuning(20, OptionalDouble.empty()).requireAbove(10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must exceed 2 × the safety factor (20.0)");
    }
}
