package dev.sensiprint.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sensiprint.sensitivity.ClassSelection;
import dev.sensiprint.sensitivity.ClassSet;
import dev.sensiprint.sensitivity.Sensitivity;
import dev.sensiprint.sensitivity.SensitivityObjective;
import dev.sensiprint.stats.Median;
import dev.sensiprint.tensor.FloatTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The experiment behind issue 3's "several candidates per step" question: projected Adam on log S
 * for B seeds, once with the exact gradient of each seed (one double backprop per seed and step,
 * what {@link SensitiveSampleGenerator} does) and once with the random-sign estimate (one batched
 * double backprop per step for all B, plus each seed's S for its scale, refreshed every {@code
 * refresh} steps). Same steps, same ball, no label keeping or backtracking, so that only the
 * gradient differs. Reports the median final gain S(x)/S(x0) and the wall time of each. Run through
 * SensitivityBenchmark ({@code -Dbench.only=ascent}); not a test.
 */
public final class RandomSignAscent {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double ADAM_EPS = 1e-8;

    /** Median gain and wall seconds of one variant. */
    public record Outcome(double medianGain, double seconds) {}

    private final SensitivityObjective objective;
    private final NDManager manager;
    private final List<FloatTensor> seeds;
    private final List<ClassSet> classes = new ArrayList<>();
    private final double[] start;
    private final BallProjection projection;
    private final double lr;

    public RandomSignAscent(
            SensitivityObjective objective, NDManager manager, List<FloatTensor> seeds) {
        this.objective = objective;
        this.manager = manager;
        this.seeds = seeds;
        GeneratorSettings settings = GeneratorSettings.defaults();
        this.projection = BallProjection.of(settings);
        this.lr = settings.learningRate();
        this.start = new double[seeds.size()];
        try (NDManager m = manager.newSubManager()) {
            for (int b = 0; b < seeds.size(); b++) {
                NDArray x = array(m, seeds.get(b));
                classes.add(objective.classesOf(x, ClassSelection.top1()));
                start[b] = objective.value(x, classes.get(b));
            }
        }
    }

    /** Each seed ascended with its exact gradient, one after another. */
    public Outcome exact(int steps) {
        try (NDManager m = manager.newSubManager()) {
            return exact(steps, m);
        }
    }

    private Outcome exact(int steps, NDManager m) {
        long t0 = System.nanoTime();
        double[] gains = new double[seeds.size()];
        for (int b = 0; b < seeds.size(); b++) {
            Adam adam = new Adam(seeds.get(b));
            for (int t = 0; t < steps; t++) {
                try (Sensitivity s = objective.valueAndGradient(array(m, adam.x), classes.get(b))) {
                    adam.step(s.gradient().toFloatArray(), s.value());
                }
            }
            gains[b] = objective.value(array(m, adam.x), classes.get(b)) / start[b];
        }
        return new Outcome(Median.of(gains), (System.nanoTime() - t0) / 1e9);
    }

    /** All seeds ascended together with one random-sign estimate per step. */
    public Outcome randomSign(int steps, int refresh, long rngSeed) {
        try (NDManager m = manager.newSubManager()) {
            return randomSign(steps, refresh, rngSeed, m);
        }
    }

    private Outcome randomSign(int steps, int refresh, long rngSeed, NDManager m) {
        long t0 = System.nanoTime();
        Random random = new Random(rngSeed);
        int batch = seeds.size();
        List<Adam> adams = new ArrayList<>();
        for (FloatTensor seed : seeds) {
            adams.add(new Adam(seed));
        }
        double[] scales = start.clone();
        int[] signs = new int[batch];
        for (int t = 0; t < steps; t++) {
            if (t > 0 && t % refresh == 0) {
                for (int b = 0; b < batch; b++) {
                    scales[b] = objective.value(array(m, adams.get(b).x), classes.get(b));
                }
            }
            for (int b = 0; b < batch; b++) {
                signs[b] = random.nextBoolean() ? 1 : -1;
            }
            NDList xs = new NDList();
            for (Adam a : adams) {
                xs.add(array(m, a.x));
            }
            try (NDArray stacked = NDArrays.stack(xs);
                    NDArray g = objective.randomSignGradients(stacked, classes, scales, signs)) {
                float[] all = g.toFloatArray();
                int size = all.length / batch;
                for (int b = 0; b < batch; b++) {
                    float[] gb = new float[size];
                    System.arraycopy(all, b * size, gb, 0, size);
                    // The estimate is already of grad S / scale, i.e. of grad log S.
                    adams.get(b).step(gb, 1.0);
                }
            }
            xs.close();
        }
        double[] gains = new double[batch];
        for (int b = 0; b < batch; b++) {
            gains[b] = objective.value(array(m, adams.get(b).x), classes.get(b)) / start[b];
        }
        return new Outcome(Median.of(gains), (System.nanoTime() - t0) / 1e9);
    }

    /** x as an array of {@code m}, freed with it at the end of a variant's run. */
    private static NDArray array(NDManager m, FloatTensor x) {
        long[] shape = new long[x.shape().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = x.shape()[i];
        }
        return m.create(x.data(), new Shape(shape));
    }

    /** Adam on log S from a seed, projected onto the ball and the pixel range after each step. */
    private final class Adam {
        private final FloatTensor seed;
        private FloatTensor x;
        private final double[] m;
        private final double[] v;
        private int t;

        Adam(FloatTensor seed) {
            this.seed = seed;
            this.x = seed;
            this.m = new double[seed.data().length];
            this.v = new double[m.length];
        }

        void step(float[] grad, double s) {
            t++;
            double c1 = 1 - Math.pow(BETA1, t);
            double c2 = 1 - Math.pow(BETA2, t);
            float[] cur = x.data();
            float[] x0 = seed.data();
            double[] d = new double[cur.length];
            for (int i = 0; i < cur.length; i++) {
                double g = grad[i] / s;
                m[i] = BETA1 * m[i] + (1 - BETA1) * g;
                v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
                d[i] = cur[i] + lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + ADAM_EPS) - x0[i];
            }
            x = projection.project(seed, d);
        }
    }
}
