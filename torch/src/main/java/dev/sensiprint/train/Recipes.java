package dev.sensiprint.train;

import dev.sensiprint.architecture.Architecture;
import dev.sensiprint.architecture.Layer.Conv;
import dev.sensiprint.architecture.Layer.Dense;
import dev.sensiprint.architecture.Layer.Flatten;
import dev.sensiprint.architecture.Layer.MaxPool;
import dev.sensiprint.architecture.Layer.Relu;
import dev.sensiprint.data.ImageShape;
import dev.sensiprint.error.BadInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The named training recipes of {@code sensiprint train}. */
public final class Recipes {

    private static final String MNIST_TRAIN = "mnist-train-images-idx3-ubyte.gz";
    private static final String MNIST_TEST = "mnist-t10k-images-idx3-ubyte.gz";
    private static final Map<String, Recipe> RECIPES = new LinkedHashMap<>();

    static {
        add(
                new Recipe(
                        "mnist-demo",
                        "small CNN for the built-in demo (9,098 weights)",
                        new Architecture(
                                "MnistDemo",
                                new ImageShape(1, 28, 28),
                                List.of(
                                        new Conv(8, 3, 1),
                                        new Relu(),
                                        new MaxPool(2),
                                        new Conv(16, 3, 1),
                                        new Relu(),
                                        new MaxPool(2),
                                        new Flatten(),
                                        new Dense(10))),
                        new DataSplit.SeparateFiles(MNIST_TRAIN, MNIST_TEST),
                        2,
                        64,
                        2e-3f,
                        60_000));
        add(
                new Recipe(
                        "mnist-cnn",
                        "LeNet-5-size CNN on MNIST (61,706 weights)",
                        new Architecture(
                                "MnistCnn",
                                new ImageShape(1, 28, 28),
                                List.of(
                                        new Conv(6, 5, 2),
                                        new Relu(),
                                        new MaxPool(2),
                                        new Conv(16, 5, 0),
                                        new Relu(),
                                        new MaxPool(2),
                                        new Flatten(),
                                        new Dense(120),
                                        new Relu(),
                                        new Dense(84),
                                        new Relu(),
                                        new Dense(10))),
                        new DataSplit.SeparateFiles(MNIST_TRAIN, MNIST_TEST),
                        3,
                        64,
                        1e-3f,
                        60_000));
        add(
                new Recipe(
                        "gtsrb-cnn",
                        "CNN on the shared GTSRB records, 35x35 RGB, 43 classes (4/5 train, 1/5 test)",
                        new Architecture(
                                "GtsrbCnn",
                                new ImageShape(3, 35, 35),
                                List.of(
                                        new Conv(16, 3, 1),
                                        new Relu(),
                                        new MaxPool(2),
                                        new Conv(32, 3, 1),
                                        new Relu(),
                                        new MaxPool(2),
                                        new Conv(64, 3, 1),
                                        new Relu(),
                                        new MaxPool(2),
                                        new Flatten(),
                                        new Dense(128),
                                        new Relu(),
                                        new Dense(43))),
                        new DataSplit.Stratified("gtsrb35-7949.bin.gz", 5),
                        12,
                        32,
                        1e-3f,
                        Integer.MAX_VALUE));
        add(
                new Recipe(
                        "orl-cnn",
                        "CNN on ORL faces, 112x92 grey, 40 people (8 train, 2 test images each)",
                        new Architecture(
                                "OrlCnn",
                                new ImageShape(1, 112, 92),
                                List.of(
                                        new Conv(8, 5, 2),
                                        new Relu(),
                                        new MaxPool(2),
                                        new Conv(16, 5, 2),
                                        new Relu(),
                                        new MaxPool(2),
                                        new Conv(32, 3, 1),
                                        new Relu(),
                                        new MaxPool(2),
                                        new Flatten(),
                                        new Dense(40))),
                        new DataSplit.Stratified("orl-faces-images-idx3-ubyte.gz", 5),
                        30,
                        16,
                        1e-3f,
                        Integer.MAX_VALUE));
    }

    private static void add(Recipe r) {
        RECIPES.put(r.name(), r);
    }

    private Recipes() {}

    public static List<String> names() {
        return List.copyOf(RECIPES.keySet());
    }

    public static List<Recipe> all() {
        return List.copyOf(RECIPES.values());
    }

    /**
     * @throws BadInputException naming the known recipes when there is no such recipe
     */
    public static Recipe named(String name) {
        Recipe r = RECIPES.get(name);
        if (r == null) {
            throw new BadInputException("unknown recipe '" + name + "' (known: " + names() + ")");
        }
        return r;
    }
}
