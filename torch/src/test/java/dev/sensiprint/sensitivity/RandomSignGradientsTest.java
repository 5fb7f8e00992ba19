package dev.sensiprint.sensitivity;

import static dev.sensiprint.sensitivity.GradientCheckTest.randomPixels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.sensiprint.model.BlockModel;
import dev.sensiprint.testing.TestNetworks;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RandomSignGradientsTest {

    private static final int BATCH = 3;

    private NDManager m;
    private BlockModel cnn;
    private SensitivityObjective objective;

    @BeforeEach
    void setUp() {
        m = NDManager.newBaseManager("PyTorch");
        cnn = TestNetworks.cnn(DataType.FLOAT64, 9L);
        objective = SensitivityObjective.create(cnn, WeightSelection.all());
    }

    @AfterEach
    void tearDown() {
        objective.close();
        cnn.close();
        m.close();
    }

    private NDArray sample(int b) {
        return m.create(randomPixels(new int[] {1, 12, 12}, 100 + b), new Shape(1, 12, 12));
    }

    @Test
    void averageOverAllSignVectorsIsEachSamplesOwnGradientOfLogS() {
        List<ClassSet> classes = List.of(ClassSet.of(0), ClassSet.of(3, 4), ClassSet.of(9));
        NDArray xs = NDArrays.stack(new NDList(sample(0), sample(1), sample(2)));
        double[] scales = new double[BATCH];
        double[][] exact = new double[BATCH][];
        for (int b = 0; b < BATCH; b++) {
            Sensitivity s = objective.valueAndGradient(sample(b), classes.get(b));
            scales[b] = s.value();
            exact[b] = s.gradient().div(s.value()).toDoubleArray();
        }

        double[] sum = new double[BATCH * 144];
        for (int pattern = 0; pattern < (1 << BATCH); pattern++) {
            int[] signs = new int[BATCH];
            for (int b = 0; b < BATCH; b++) {
                signs[b] = ((pattern >> b) & 1) == 0 ? 1 : -1;
            }
            double[] estimate =
                    objective.randomSignGradients(xs, classes, scales, signs).toDoubleArray();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += estimate[i] / (1 << BATCH);
            }
        }

        for (int b = 0; b < BATCH; b++) {
            double[] average = Arrays.copyOfRange(sum, b * 144, (b + 1) * 144);
            assertThat(relativeL2(average, exact[b])).as("sample %d", b).isLessThan(1e-9);
        }
    }

    @Test
    void batchOfOneGivesTheExactGradientWhateverTheSign() {
        NDArray x = sample(4);
        Sensitivity exact = objective.valueAndGradient(x, ClassSet.of(2));
        double[] expected = exact.gradient().mul(2.0).toDoubleArray();

        double[] estimate =
                objective
                        .randomSignGradients(
                                x.expandDims(0),
                                List.of(ClassSet.of(2)),
                                new double[] {0.5},
                                new int[] {-1})
                        .toDoubleArray();

        assertThat(relativeL2(estimate, expected)).isLessThan(1e-9);
    }

    private static double relativeL2(double[] actual, double[] expected) {
        double error = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            error += (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += expected[i] * expected[i];
        }
        return Math.sqrt(error / norm);
    }

    @Test
    void signOtherThanPlusOrMinusOneIsRejected() {
        NDArray xs = sample(0).expandDims(0);
        assertThatThrownBy(
                        () ->
                                objective.randomSignGradients(
                                        xs,
                                        List.of(ClassSet.of(0)),
                                        new double[] {1},
                                        new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sign 0");
    }

    @Test
    void batchOfTheWrongShapeIsRejected() {
        NDArray single = sample(0);
        assertThatThrownBy(
                        () ->
                                objective.randomSignGradients(
                                        single,
                                        List.of(ClassSet.of(0)),
                                        new double[] {1},
                                        new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(B, 1, 12, 12)");
    }
}
