package dev.sensiprint.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AutogradTest {

    private static NDManager root;
    private static Autograd autograd;

    @BeforeAll
    static void load() {
        root = NDManager.newBaseManager("PyTorch");
        autograd = Autograd.load(root);
    }

    @AfterAll
    static void release() {
        autograd.close();
        root.close();
    }

    private static double[] values(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    @Test
    void firstDerivativeOfSumOfCubesIsThreeSquares() {
        try (NDManager m = root.newSubManager();
                GradientCollector ignored = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray x = m.create(new double[] {0.5, -1.25, 2.0});
            x.setRequiresGradient(true);
            NDArray y = x.pow(3).sum();

            List<NDArray> g = autograd.grad(m, List.of(y), List.of(x), false);

            assertThat(values(g.get(0))).containsExactly(0.75, 4.6875, 12.0);
        }
    }

    @Test
    void gradientKeptInTheGraphCanBeDifferentiatedAgain() {
        try (NDManager m = root.newSubManager();
                GradientCollector ignored = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray x = m.create(new double[] {0.5, -1.25, 2.0});
            x.setRequiresGradient(true);
            NDArray y = x.pow(3).sum();

            NDArray dy = autograd.grad(m, List.of(y), List.of(x), true).get(0);
            // d/dx Σ (3x²)² = 36 x³
            NDArray second = autograd.grad(m, List.of(dy.square().sum()), List.of(x), false).get(0);

            double[] expected = {36 * 0.125, 36 * -1.953125, 36 * 8.0};
            double[] actual = values(second);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], within(1e-12));
            }
        }
    }

    @Test
    void meanSquaredGradientAndItsInputGradientInOneCall() {
        try (NDManager m = root.newSubManager();
                GradientCollector ignored = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray x = m.create(new double[] {0.5, -1.25});
            NDArray w1 = m.create(new double[] {2.0, 3.0});
            NDArray w2 = m.create(new double[] {-1.0});
            x.setRequiresGradient(true);
            w1.setRequiresGradient(true);
            w2.setRequiresGradient(true);
            w1.setName("layer.weight"); // a dotted name must survive the call unchanged
            // f = w1·x + w2·x0², so df/dw1 = x, df/dw2 = x0²: S = (x0² + x1² + x0⁴) / 3
            NDArray f = w1.mul(x).sum().add(w2.mul(x.get(0).square()).sum());
            NDArray count = m.create(3.0);

            List<NDArray> sAndGrad =
                    autograd.meanSquaredGradientAndInputGradient(m, f, x, count, List.of(w1, w2));

            double x0 = 0.5;
            double x1 = -1.25;
            assertThat(values(sAndGrad.get(0))[0])
                    .isCloseTo((x0 * x0 + x1 * x1 + Math.pow(x0, 4)) / 3, within(1e-12));
            assertThat(values(sAndGrad.get(1)))
                    .containsExactly(
                            new double[] {(2 * x0 + 4 * Math.pow(x0, 3)) / 3, 2 * x1 / 3},
                            within(1e-12));
            assertThat(w1.getName()).isEqualTo("layer.weight");
            NDArray again = w1.mul(x).sum().add(w2.mul(x.get(0).square()).sum());
            assertThat(values(autograd.meanSquaredGradient(m, again, count, List.of(w1, w2))))
                    .containsExactly(values(sAndGrad.get(0)));
        }
    }

    @Test
    void anArrayRepeatedInOneListGetsItsOwnNameBack() {
        try (NDManager m = root.newSubManager();
                GradientCollector ignored = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray x = m.create(new double[] {1, 2});
            x.setRequiresGradient(true);
            x.setName("layer.weight");

            List<NDArray> g = autograd.grad(m, List.of(x.square().sum()), List.of(x, x), false);

            assertThat(values(g.get(0))).containsExactly(2, 4);
            assertThat(values(g.get(1))).containsExactly(2, 4);
            assertThat(x.getName()).isEqualTo("layer.weight");
        }
    }

    @Test
    void anArrayInTwoArgumentGroupsIsRefused() {
        try (NDManager m = root.newSubManager();
                GradientCollector ignored = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray x = m.create(new double[] {1, 2});
            x.setRequiresGradient(true);
            NDArray f = x.square().sum();

            assertThatThrownBy(
                            () ->
                                    autograd.meanSquaredGradientAndInputGradient(
                                            m, f, x, m.create(2.0), List.of(x)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("two argument groups");
        }
    }

    @Test
    void inputThatDoesNotReachTheOutputGetsZeros() {
        try (NDManager m = root.newSubManager();
                GradientCollector ignored = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray x = m.create(new double[] {1, 2});
            NDArray unused = m.create(new double[] {3, 4, 5});
            x.setRequiresGradient(true);
            unused.setRequiresGradient(true);

            List<NDArray> g = autograd.grad(m, List.of(x.sum()), List.of(x, unused), false);

            assertThat(values(g.get(1))).containsExactly(0, 0, 0);
        }
    }

    @Test
    void namesOfTheArraysAreRestoredAfterTheCall() {
        try (NDManager m = root.newSubManager();
                GradientCollector ignored = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray w = m.create(new double[] {1, 2});
            w.setName("conv1.weight");
            w.setRequiresGradient(true);
            NDArray y = w.square().sum();
            y.setName("loss");

            autograd.grad(m, List.of(y), List.of(w), false);

            assertThat(w.getName()).isEqualTo("conv1.weight");
            assertThat(y.getName()).isEqualTo("loss");
        }
    }

    @Test
    void gradientsAreAttachedToTheResultManager() {
        try (NDManager m = root.newSubManager();
                GradientCollector ignored = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray x = m.create(new double[] {1, 2});
            x.setRequiresGradient(true);
            NDArray y = x.square().sum();
            try (NDManager results = m.newSubManager()) {
                NDArray g = autograd.grad(results, List.of(y), List.of(x), false).get(0);
                assertThat(g.getManager()).isSameAs(results);
            }
        }
    }

    @Test
    void repeatedCallsInsideAScopeLeaveNoArrayBehind() {
        try (NDManager m = root.newSubManager()) {
            NDArray x = m.create(new double[] {1, 2, 3});
            x.setRequiresGradient(true);
            int before = m.getManagedArrays().size();
            for (int i = 0; i < 20; i++) {
                try (NDScope scope = new NDScope();
                        GradientCollector ignored =
                                Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray g = autograd.grad(m, List.of(x.pow(3).sum()), List.of(x), true).get(0);
                    autograd.grad(m, List.of(g.sum()), List.of(x), false);
                }
            }
            assertThat(m.getManagedArrays()).hasSize(before);
        }
    }
}
