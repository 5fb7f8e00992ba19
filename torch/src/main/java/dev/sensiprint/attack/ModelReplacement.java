package dev.sensiprint.attack;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.fingerprint.ModelInfo;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.model.TorchScriptDifferentiableModel;
import dev.sensiprint.model.Weight;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Another model file served in place of the original (method.md §6, attack 10: the real trojaned
 * twins in ../models, e.g. mnist_mlp_trojan.pt for mnist_mlp_clean.pt): its weights are written
 * into the model, which must have the same architecture.
 *
 * <p>Only W (the parameters DJL lists) can be copied; a TorchScript file's buffers, such as
 * BatchNorm running statistics, cannot be reached (djl-pytorch.md §4). So after copying, the model
 * and the file itself answer a few random inputs, and any difference beyond float noise (other
 * buffers, another graph) is an error rather than a silently different "twin".
 *
 * @param path the TorchScript file; it is loaded with the model's input shape, value range,
 *     preprocessing and output kind
 */
public record ModelReplacement(Path path) implements Attack {

    /** Random inputs both models answer after the copy. */
    static final int CHECK_INPUTS = 8;

    public ModelReplacement {
        if (path == null || path.toString().isBlank()) {
            throw new IllegalArgumentException("path must be given");
        }
    }

    @Override
    public String name() {
        return "model";
    }

    @Override
    public String spec() {
        return "model:path=" + path;
    }

    /** One file gives one model whatever the seed. */
    @Override
    public boolean randomised() {
        return false;
    }

    /**
     * @throws UnsupportedOperationException always: the file is loaded with the model's spec; use
     *     {@link Tampering#applyInPlace(DifferentiableModel, Attack, long)}
     */
    @Override
    public TamperReport apply(WeightSet weights, RandomGenerator random) {
        throw new UnsupportedOperationException(
                spec() + " loads a model like the tampered one; apply it through Tampering");
    }

    /**
     * Checks, without changing the model, that the file loads with the model's spec and has the
     * same weight tensors (names and shapes, in order).
     *
     * @throws BadInputException naming the file and the first difference
     */
    public void check(DifferentiableModel model) {
        try (TorchScriptDifferentiableModel twin = load(model.info())) {
            requireSameLayout(twin.weights(), model.weights());
        }
    }

    /**
     * Writes the file's weights into {@code model}.
     *
     * @param random draws the inputs of the check that the copy answers as the file
     * @throws BadInputException if the file does not load, its weights differ in layout, or the
     *     model with its weights still answers differently from it
     */
    TamperReport apply(DifferentiableModel model, RandomGenerator random) {
        try (TorchScriptDifferentiableModel twin = load(model.info())) {
            requireSameLayout(twin.weights(), model.weights());
            WeightSet replacement = LiveWeights.read(twin.weights());
            WeightSet w = LiveWeights.read(model.weights());
            TamperReport report =
                    TamperReport.measure(
                            spec(),
                            w,
                            () -> {
                                for (int t = 0; t < w.tensorCount(); t++) {
                                    float[] src = replacement.tensor(t).values();
                                    System.arraycopy(src, 0, w.tensor(t).values(), 0, src.length);
                                }
                                return String.format(
                                        Locale.ROOT,
                                        "weights of %s (sha256 %s...) in place of the model's;"
                                                + " it answers as that file on %d random inputs",
                                        path.getFileName(),
                                        twin.info().sha256().substring(0, 12),
                                        CHECK_INPUTS);
                            });
            LiveWeights.write(w, model.weights());
            requireSameAnswers(model, twin, random);
            return report;
        }
    }

    private TorchScriptDifferentiableModel load(ModelInfo like) {
        ModelSpec spec =
                new ModelSpec(
                        path,
                        like.inputShape(),
                        like.valueMin(),
                        like.valueMax(),
                        like.preprocessing(),
                        Optional.of(like.outputKind()));
        return TorchScriptDifferentiableModel.load(spec);
    }

    private void requireSameLayout(List<Weight> file, List<Weight> model) {
        if (file.size() != model.size()) {
            throw notATwin("it has " + file.size() + " weight tensors, the model " + model.size());
        }
        for (int t = 0; t < file.size(); t++) {
            Weight a = file.get(t);
            Weight b = model.get(t);
            long[] sa = a.array().getShape().getShape();
            long[] sb = b.array().getShape().getShape();
            if (!a.name().equals(b.name()) || !Arrays.equals(sa, sb)) {
                throw notATwin(
                        "its tensor "
                                + t
                                + " is "
                                + a.name()
                                + " "
                                + Arrays.toString(sa)
                                + ", the model's "
                                + b.name()
                                + " "
                                + Arrays.toString(sb));
            }
        }
    }

    private void requireSameAnswers(
            DifferentiableModel model, DifferentiableModel twin, RandomGenerator random) {
        ModelInfo info = model.info();
        int[] in = info.inputShape();
        int per = in[0] * in[1] * in[2];
        float[] pixels = new float[CHECK_INPUTS * per];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] =
                    (float)
                            (info.valueMin()
                                    + random.nextDouble() * (info.valueMax() - info.valueMin()));
        }
        long[] shape = {CHECK_INPUTS, in[0], in[1], in[2]};
        float[] a = answers(model, pixels, shape);
        float[] b = answers(twin, pixels, shape);
        double scale = 1;
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(b[i]));
            double d = Math.abs((double) a[i] - b[i]);
            diff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(diff, d);
        }
        if (diff > 1e-5 * scale) {
            throw notATwin(
                    String.format(
                            Locale.ROOT,
                            "with its weights the model still answers differently from it (max"
                                    + " |difference| %.3g on random inputs): it differs beyond its"
                                    + " weights (buffers such as BatchNorm statistics, or the graph)",
                            diff));
        }
    }

    private static float[] answers(DifferentiableModel m, float[] pixels, long[] shape) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager sub = m.manager().newSubManager();
                NDScope ignored = new NDScope()) {
            return m.forward(sub.create(pixels, new Shape(shape)))
                    .toType(DataType.FLOAT32, false)
                    .toFloatArray();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private BadInputException notATwin(String what) {
        return new BadInputException(
                spec() + ": " + what + "; the file must have the model's architecture");
    }
}
