package dev.sensiprint.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sensiprint.tensor.FloatTensor;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DriftCalibratorTest {

    private static final List<FloatTensor> SAMPLES =
            List.of(FloatTensor.vector(0f), FloatTensor.vector(1f), FloatTensor.vector(2f));
    private static final List<FloatTensor> REFERENCE =
            List.of(
                    FloatTensor.vector(5f, 1f), // wide margin
                    FloatTensor.vector(1.0001f, 1f), // margin 1e-4
                    FloatTensor.vector(2f, 1.9f)); // margin 0.1

    private static Variation shift(String name, UnaryOperator<float[]> f) {
        return new Variation() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<FloatTensor> outputs(List<FloatTensor> samples) {
                return REFERENCE.stream()
                        .map(t -> FloatTensor.vector(f.apply(t.data().clone())))
                        .toList();
            }
        };
    }

    @Test
    void dropsSamplesWhoseMarginIsWithinTheDriftAndKeepsTheRest() {
        Variation drift = shift("threads=1", v -> new float[] {v[0] + 2e-5f, v[1]});
        DriftCalibration c = new DriftCalibrator(10).calibrate(SAMPLES, REFERENCE, List.of(drift));
        assertThat(c.kept()).containsExactly(0, 2);
        assertThat(c.samples().get(1).reason()).contains("within 10×");
        assertThat(c.noiseFloor()).isCloseTo(2e-5, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(c.tolerance()).isGreaterThanOrEqualTo(10 * c.noiseFloor());
        assertThat(c.variations()).containsExactly("threads=1");
    }

    @Test
    void dropsASampleWhoseLabelFlipsUnderVariation() {
        Variation flip = shift("onnx-twin", v -> v[0] == 2f ? new float[] {1.8f, 1.9f} : v);
        DriftCalibration c = new DriftCalibrator(10).calibrate(SAMPLES, REFERENCE, List.of(flip));
        assertThat(c.samples().get(2).kept()).isFalse();
        assertThat(c.samples().get(2).reason()).contains("label changed");
    }

    @Test
    void bitIdenticalRerunsStillAssumeAFloorOfRelativeDrift() {
        Variation same = shift("reload", v -> v);
        DriftCalibration c = new DriftCalibrator(10).calibrate(SAMPLES, REFERENCE, List.of(same));
        assertThat(c.noiseFloor()).isZero();
        assertThat(c.tolerance()).isPositive();
        // margin 1e-4 vs 10 × 2 × 1e-6 × 1.0001: kept, the floor is relative, not a guess of 1e-3.
        assertThat(c.kept()).containsExactly(0, 1, 2);
    }
}
