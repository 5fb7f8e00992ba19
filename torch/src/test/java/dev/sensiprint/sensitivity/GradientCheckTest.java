package dev.sensiprint.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.sensiprint.model.BlockModel;
import dev.sensiprint.testing.TestNetworks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acceptance check of the objective: in float64, grad_x S agrees with central differences of S
 * on DJL-built networks, pixel by pixel (djl-pytorch.md §3.4).
 */
class GradientCheckTest {

    private static final double STEP = 1e-6;
    private static final double TOLERANCE = 1e-4;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        List<String> nets = List.of("cnn", "mlp");
        List<ClassSelection> classes =
                List.of(ClassSelection.top1(), ClassSelection.topK(3), ClassSelection.all());
        List<WeightSelection> weights = List.of(WeightSelection.all(), WeightSelection.lastLayer());
        for (String net : nets) {
            for (ClassSelection c : classes) {
                for (WeightSelection w : weights) {
                    cases.add(Arguments.of(net, c, w));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void gradientMatchesCentralDifferencesInFloat64(
            String net,
            ClassSelection classSelection,
            WeightSelection weightSelection,
            TestReporter reporter) {
        BiFunction<DataType, Long, BlockModel> factory =
                net.equals("cnn") ? TestNetworks::cnn : TestNetworks::mlp;
        try (BlockModel model = factory.apply(DataType.FLOAT64, 7L);
                SensitivityObjective objective =
                        SensitivityObjective.create(model, weightSelection);
                NDManager m = NDManager.newBaseManager("PyTorch")) {
            int[] shape = model.info().inputShape();
            double[] pixels = randomPixels(shape, 11L);
            NDArray x = m.create(pixels, new Shape(toLong(shape)));
            ClassSet classes = objective.classesOf(x, classSelection);

            Sensitivity exact = objective.valueAndGradient(x, classes);
            double[] g = exact.gradient().toDoubleArray();

            assertThat(exact.value()).isPositive();
            assertThat(exact.gradient().getDataType()).isEqualTo(DataType.FLOAT64);
            double worst = 0;
            for (int i : pixelsToCheck(g)) {
                double fd = centralDifference(objective, m, pixels, shape, classes, i);
                worst = Math.max(worst, Math.abs(fd - g[i]) / Math.abs(g[i]));
            }
            reporter.publishEntry("max relative error", Double.toString(worst));
            assertThat(worst).as("max relative error over checked pixels").isLessThan(TOLERANCE);
        }
    }

    private static double centralDifference(
            SensitivityObjective objective,
            NDManager m,
            double[] pixels,
            int[] shape,
            ClassSet classes,
            int i) {
        double[] plus = pixels.clone();
        double[] minus = pixels.clone();
        plus[i] += STEP;
        minus[i] -= STEP;
        try (NDManager step = m.newSubManager()) {
            double sPlus = objective.value(step.create(plus, new Shape(toLong(shape))), classes);
            double sMinus = objective.value(step.create(minus, new Shape(toLong(shape))), classes);
            return (sPlus - sMinus) / (2 * STEP);
        }
    }

    /**
     * The 3 pixels of largest |g|, and 3 random ones among those with |g| >= 5 % of the largest.
     */
    private static int[] pixelsToCheck(double[] g) {
        double max = IntStream.range(0, g.length).mapToDouble(i -> Math.abs(g[i])).max().orElse(0);
        assertThat(max).as("largest |grad_x S|").isPositive();
        List<Integer> byMagnitude =
                IntStream.range(0, g.length)
                        .boxed()
                        .sorted(Comparator.comparingDouble(i -> -Math.abs(g[i])))
                        .toList();
        List<Integer> chosen = new ArrayList<>(byMagnitude.subList(0, 3));
        List<Integer> rest =
                new ArrayList<>(
                        byMagnitude.stream()
                                .skip(3)
                                .filter(i -> Math.abs(g[i]) >= 0.05 * max)
                                .toList());
        Collections.shuffle(rest, new Random(3));
        chosen.addAll(rest.subList(0, Math.min(3, rest.size())));
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    static double[] randomPixels(int[] shape, long seed) {
        Random random = new Random(seed);
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] pixels = new double[n];
        for (int i = 0; i < n; i++) {
            pixels[i] = random.nextDouble();
        }
        return pixels;
    }

    static long[] toLong(int[] shape) {
        return IntStream.of(shape).asLongStream().toArray();
    }
}
