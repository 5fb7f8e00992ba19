package dev.sensiprint.calibrate;

import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.model.TorchRuntime;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The benign variations of the same-runtime drift class (method.md §5, issue "benign-drift
 * calibration"): other intra-op thread counts, the sample inside a batch of 16, a fresh reload —
 * and, for cross-runtime drift, a twin of the model in another runtime (ONNX Runtime).
 */
public final class ModelVariations {

    /** The batch size a sample is hidden in; the other rows are random pixels. */
    public static final int BATCH = 16;

    private ModelVariations() {}

    /** Outputs of one sample at a time: the reference way of running the model. */
    public static List<FloatTensor> oneByOne(InferenceModel model, List<FloatTensor> samples) {
        List<FloatTensor> out = new ArrayList<>(samples.size());
        for (FloatTensor s : samples) {
            out.add(FloatTensor.vector(Outputs.row(model.predict(batchOf(List.of(s))), 0)));
        }
        return out;
    }

    /** The same model run one by one with libtorch's intra-op pool at {@code threads}. */
    public static Variation threads(InferenceModel model, int threads) {
        return variation(
                "threads=" + threads,
                samples -> {
                    int before = TorchRuntime.intraOpThreads();
                    TorchRuntime.setIntraOpThreads(threads);
                    try {
                        return oneByOne(model, samples);
                    } finally {
                        TorchRuntime.setIntraOpThreads(before);
                    }
                });
    }

    /** Each sample at a seeded random row of a batch of {@value #BATCH} random images. */
    public static Variation batched(InferenceModel model, long seed) {
        return variation(
                "batch=" + BATCH,
                samples -> {
                    Random random = new Random(seed);
                    List<FloatTensor> out = new ArrayList<>(samples.size());
                    for (FloatTensor s : samples) {
                        List<FloatTensor> rows = new ArrayList<>(BATCH);
                        for (int i = 0; i < BATCH; i++) {
                            rows.add(noise(s.shape(), random, model));
                        }
                        int at = random.nextInt(BATCH);
                        rows.set(at, s);
                        out.add(FloatTensor.vector(Outputs.row(model.predict(batchOf(rows)), at)));
                    }
                    return out;
                });
    }

    /** A fresh load of the same file, run one by one. */
    public static Variation reload(ModelSpec spec) {
        return variation(
                "reload",
                samples -> {
                    try (InferenceModel fresh = ModelLoader.forInference(spec)) {
                        return oneByOne(fresh, samples);
                    }
                });
    }

    /**
     * Another artifact of the same network, e.g. its ONNX export: the cross-runtime class. Its file
     * is checked now, though it is loaded only when the variation runs.
     */
    public static Variation twin(ModelSpec twinSpec) {
        ModelLoader.requireLoadable(twinSpec);
        return variation(
                "twin:" + twinSpec.path().getFileName(),
                samples -> {
                    try (InferenceModel twin = ModelLoader.forInference(twinSpec)) {
                        return oneByOne(twin, samples);
                    }
                });
    }

    /** N × C × H × W from N tensors of one shape. */
    public static FloatTensor batchOf(List<FloatTensor> items) {
        int[] shape = items.get(0).shape();
        int n = items.get(0).size();
        float[] data = new float[items.size() * n];
        for (int i = 0; i < items.size(); i++) {
            FloatTensor t = items.get(i);
            if (!Arrays.equals(t.shape(), shape)) {
                throw new IllegalArgumentException("mixed shapes in one batch");
            }
            System.arraycopy(t.data(), 0, data, i * n, n);
        }
        int[] batchShape = new int[shape.length + 1];
        batchShape[0] = items.size();
        System.arraycopy(shape, 0, batchShape, 1, shape.length);
        return new FloatTensor(batchShape, data);
    }

    private static FloatTensor noise(int[] shape, Random random, InferenceModel model) {
        float lo = model.info().valueMin();
        float range = model.info().valueMax() - lo;
        float[] v = new float[(int) FloatTensor.elementCount(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + random.nextFloat() * range;
        }
        return new FloatTensor(shape, v);
    }

    private static Variation variation(
            String name, java.util.function.Function<List<FloatTensor>, List<FloatTensor>> run) {
        return new Variation() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<FloatTensor> outputs(List<FloatTensor> samples) {
                return run.apply(samples);
            }
        };
    }
}
