package dev.sensiprint.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.sensiprint.generate.RandomSignAscent;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.sensitivity.ClassSelection;
import dev.sensiprint.sensitivity.ClassSet;
import dev.sensiprint.sensitivity.SensitivityObjective;
import dev.sensiprint.sensitivity.WeightSelection;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.testing.SharedModels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * Milliseconds per S + grad_x S evaluation at batch 1 (median of 50 calls after 10 warm-up calls, 2
 * intra-op threads) on the shared models, W = all weights and W = last layer, C = top-1.
 *
 * <p>Run from the repository root: {@code mvn -B -q -pl torch -am -Pbench test -DskipTests}; add
 * {@code -Dbench.only=rss -Dbench.steps=6000} for the memory run alone, longer, or {@code
 * -Dbench.only=steps} for the step times alone, {@code -Dbench.only=ascent} for exact against
 * random-sign ascent (RandomSignAscent), {@code -Dbench.only=scripted} for the libtorch-only cost
 * of an MLP step (bench/python_scripted_step.py). Not a test: it asserts nothing and its figures
 * depend on the machine.
 */
public final class SensitivityBenchmark {

    private static final int WARM_UP = 10;
    private static final int CALLS = 50;
    private static final long WARM_UP_NANOS = 3_000_000_000L;
    private static final int BATCH = 16;
    private static final int LONG_RUN = 2000;
    private static final int CHUNK = 250;

    public static void main(String[] args) throws Exception {
        Engine.getEngine("PyTorch"); // loads libtorch before the thread count is set
        JniUtils.setNumThreads(2);
        System.out.printf(
                "threads=%d, median of %d calls after %d warm-up calls and at least 3 s%n",
                JniUtils.getNumThreads(), CALLS, WARM_UP);
        System.out.printf(
                "%-18s %-10s %8s %9s %11s %22s%n",
                "model", "W", "|W|", "S ms", "S+grad ms", "random-sign B=16 ms");
        System.out.println("load average before: " + loadAverage());
        float[][] mnist = new float[BATCH][];
        float[][] cifar = new float[BATCH][];
        for (int i = 0; i < BATCH; i++) {
            mnist[i] = SharedModels.mnistTest(i);
            cifar[i] = SharedModels.cifarTest(i);
        }
        String only = System.getProperty("bench.only", "all");
        if (only.equals("scripted")) {
            scripted(Path.of(System.getProperty("bench.scripted", "/tmp/mlp_step.pt")), mnist[0]);
            return;
        }
        if (only.equals("ascent")) {
            ascent("mnist_mlp_clean", SharedModels::mnistMlp, mnist, 50);
            ascent("resnet20_cifar10", SharedModels::resnet20, cifar, 20);
            return;
        }
        if (!only.equals("rss")) {
            bench("mnist_mlp_clean", SharedModels::mnistMlp, mnist);
            bench("mnist_convnet", SharedModels::mnistConvnet, mnist);
            bench("resnet20_cifar10", SharedModels::resnet20, cifar);
        }
        if (!only.equals("steps")) {
            rssGrowth(cifar[0], Integer.getInteger("bench.steps", LONG_RUN));
        }
        // The machine may be shared: OpenMP threads stall badly when cores are oversubscribed.
        System.out.println("load average after: " + loadAverage());
    }

    private static void bench(String name, Callable<DifferentiableModel> loader, float[][] images)
            throws Exception {
        try (DifferentiableModel model = loader.call();
                NDManager manager = NDManager.newBaseManager("PyTorch")) {
            long[] shape = IntStream.of(model.info().inputShape()).asLongStream().toArray();
            NDList batch = new NDList();
            for (float[] image : images) {
                batch.add(manager.create(image, new Shape(shape)));
            }
            NDArray x = batch.get(0);
            NDArray xs = NDArrays.stack(batch);
            for (WeightSelection w :
                    new WeightSelection[] {WeightSelection.all(), WeightSelection.lastLayer()}) {
                try (SensitivityObjective objective = SensitivityObjective.create(model, w)) {
                    ClassSet classes = objective.classesOf(x, ClassSelection.top1());
                    List<ClassSet> batchClasses = new ArrayList<>();
                    double[] scales = new double[images.length];
                    int[] signs = new int[images.length];
                    Random random = new Random(1);
                    for (int b = 0; b < images.length; b++) {
                        batchClasses.add(objective.classesOf(batch.get(b), ClassSelection.top1()));
                        scales[b] = objective.value(batch.get(b), batchClasses.get(b));
                        signs[b] = random.nextBoolean() ? 1 : -1;
                    }
                    double value = median(() -> objective.value(x, classes));
                    double both = median(() -> objective.valueAndGradient(x, classes).close());
                    double estimate =
                            median(
                                    () ->
                                            objective
                                                    .randomSignGradients(
                                                            xs, batchClasses, scales, signs)
                                                    .close());
                    System.out.printf(
                            "%-18s %-10s %8d %9.2f %11.2f %22.2f%n",
                            name,
                            w.getClass().getSimpleName(),
                            objective.weightCount(),
                            value,
                            both,
                            estimate);
                }
            }
        }
    }

    /**
     * Exact per-seed ascent against the random-sign estimate over all 16 seeds at once
     * (RandomSignAscent), equal steps: median gain and wall time of each.
     */
    private static void ascent(
            String name, Callable<DifferentiableModel> loader, float[][] images, int steps)
            throws Exception {
        try (DifferentiableModel model = loader.call();
                NDManager manager = NDManager.newBaseManager("PyTorch");
                SensitivityObjective objective =
                        SensitivityObjective.create(model, WeightSelection.all())) {
            List<FloatTensor> seeds = new ArrayList<>();
            for (float[] image : images) {
                seeds.add(new FloatTensor(model.info().inputShape(), image));
            }
            RandomSignAscent ascent = new RandomSignAscent(objective, manager, seeds);
            report(name, "exact, one seed at a time", steps, ascent.exact(steps));
            for (int refresh : new int[] {1, 5}) {
                report(
                        name,
                        "random-sign B=" + seeds.size() + ", S every " + refresh,
                        steps,
                        ascent.randomSign(steps, refresh, 1));
            }
        }
    }

    /**
     * The whole MLP step that bench/python_scripted_step.py saved, timed as one native call: what
     * libtorch itself costs, without the Java side's per-operation calls.
     */
    private static void scripted(Path file, float[] image) throws Exception {
        if (!Files.isRegularFile(file)) {
            System.out.println(
                    "no scripted step at " + file + ": run bench/python_scripted_step.py first");
            return;
        }
        try (PtNDManager manager = (PtNDManager) NDManager.newBaseManager("PyTorch")) {
            PtSymbolBlock step =
                    JniUtils.loadModule(
                            manager,
                            new ByteArrayInputStream(Files.readAllBytes(file)),
                            true,
                            false);
            NDArray x = manager.create(image, new Shape(1, 1, 28, 28));
            NDArray top = manager.create((long) topClass(image));
            double ms =
                    median(
                            () -> {
                                try (GradientCollector ignored =
                                        Engine.getEngine("PyTorch").newGradientCollector()) {
                                    IValueUtils.forward(step, new NDList(x, top), true).close();
                                }
                            });
            System.out.printf(
                    "libtorch %s: whole MLP step as one scripted call %.3f ms%n",
                    Engine.getEngine("PyTorch").getVersion(), ms);
        }
    }

    private static int topClass(float[] image) throws Exception {
        try (DifferentiableModel mlp = SharedModels.mnistMlp();
                NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray out = mlp.forward(m.create(image, new Shape(1, 1, 28, 28)));
            return Math.toIntExact(out.argMax().getLong());
        }
    }

    private static void report(
            String model, String variant, int steps, RandomSignAscent.Outcome o) {
        System.out.printf(
                "%-18s %-34s %3d steps: median gain %.3g, %.2f s%n",
                model, variant, steps, o.medianGain(), o.seconds());
    }

    /**
     * Resident memory before and after {@code steps} (default {@link #LONG_RUN}) S + grad_x S steps
     * on resnet20 (all weights), after a warm-up that lets the allocator reach its working set:
     * native leaks show here, not in the Java heap.
     */
    private static void rssGrowth(float[] image, int steps) throws Exception {
        try (DifferentiableModel model = SharedModels.resnet20();
                NDManager manager = NDManager.newBaseManager("PyTorch");
                SensitivityObjective objective =
                        SensitivityObjective.create(model, WeightSelection.all())) {
            long[] shape = IntStream.of(model.info().inputShape()).asLongStream().toArray();
            NDArray x = manager.create(image, new Shape(shape));
            ClassSet classes = objective.classesOf(x, ClassSelection.top1());
            for (int i = 0; i < WARM_UP * 10; i++) {
                objective.valueAndGradient(x, classes).close();
            }
            long before = rssKb();
            long start = System.nanoTime();
            StringBuilder trace = new StringBuilder();
            for (int chunk = 1; chunk <= steps / CHUNK; chunk++) {
                for (int i = 0; i < CHUNK; i++) {
                    objective.valueAndGradient(x, classes).close();
                }
                trace.append(
                        String.format(" %.0f/%.0f", rssKb() / 1024.0, committedHeapKb() / 1024.0));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long after = rssKb();
            System.out.printf(
                    "resnet20 all-W, %d steps in %.1f s: RSS %.1f MB -> %.1f MB (growth %.1f MB)%n",
                    steps, seconds, before / 1024.0, after / 1024.0, (after - before) / 1024.0);
            // A leak grows in proportion to the steps; an allocator filling its arenas levels off.
            System.out.println(
                    "RSS/committed Java heap MB after each " + CHUNK + " steps:" + trace);
        }
    }

    private static long committedHeapKb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1024;
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double median(Runnable call) {
        // At least WARM_UP calls and WARM_UP_NANOS: the JIT compiles the Java side of a step only
        // after a few hundred calls, which ten MLP steps (15 ms) do not reach.
        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        for (int i = 0; i < WARM_UP || System.nanoTime() < warmUpEnd; i++) {
            call.run();
        }
        double[] ms = new double[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long start = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return (ms[CALLS / 2 - 1] + ms[CALLS / 2]) / 2;
    }
}
