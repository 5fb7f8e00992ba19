package dev.sensiprint.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.TorchRuntime;
import dev.sensiprint.model.Weight;

/**
 * Fine-tunes the live weights of any loaded {@link DifferentiableModel} (a TorchScript file loaded
 * with {@code trainParam=true}, a DJL block) with DJL's Adam on cross entropy: the engine of the
 * training-based attacks.
 *
 * <p>The forward is the model's own: autograd records while the module stays in eval mode, so
 * BatchNorm keeps its running statistics and dropout stays off (djl-pytorch.md §4, pitfall 7): a
 * fine-tuned copy differs from the original only in W, which is what an attack should change.
 * Models that output probabilities are trained on −log p, models that output logits on log-softmax.
 *
 * <p>Adam updates the tensors in place with grad mode off (an in-place change of a leaf that
 * requires grad is an error under grad mode), and each gradient is zeroed after its update, since
 * DJL's PyTorch gradient collector does not (pitfall 15). Not thread-safe.
 */
public final class FineTuner {

    private final DifferentiableModel model;
    private final Optimizer adam;
    private final boolean probabilities;
    private int steps;

    public FineTuner(DifferentiableModel model, float learningRate) {
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException(
                    "learning rate must be positive, got " + learningRate);
        }
        this.model = model;
        this.adam = Adam.builder().optLearningRateTracker(Tracker.fixed(learningRate)).build();
        this.probabilities = model.info().outputKind() == OutputKind.PROBABILITIES;
    }

    /** Adam steps taken so far. */
    public int steps() {
        return steps;
    }

    /** One Adam step on the mean cross entropy of {@code batch}; returns that loss. */
    public float step(LabeledBatch batch) {
        TorchRuntime.configureCallingThread();
        float loss;
        try (NDManager m = model.manager().newSubManager();
                NDScope scope = new NDScope()) {
            NDArray x = batch.images(m);
            NDArray onehot = oneHot(m, batch.labels(), model.info().numClasses());
            try (GradientCollector gc = TorchRuntime.pytorch().newGradientCollector()) {
                NDArray out = model.forward(x);
                NDArray logp = probabilities ? out.clip(1e-12f, 1f).log() : out.logSoftmax(1);
                NDArray l = logp.mul(onehot).sum(new int[] {1}).neg().mean();
                gc.backward(l);
                loss = l.getFloat();
            }
        }
        update();
        steps++;
        return loss;
    }

    private void update() {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (Weight w : model.weights()) {
                // Adam's moment estimates live as long as the model (its manager), so the update
                // must stay outside any NDScope.
                try (NDArray grad = w.array().getGradient()) {
                    adam.update(w.name(), w.array(), grad);
                }
                JniUtils.zeroGrad((PtNDArray) w.array());
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** The top-1 class of each image of {@code batch}, without recording a graph. */
    public int[] predict(LabeledBatch batch) {
        TorchRuntime.configureCallingThread();
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager m = model.manager().newSubManager();
                NDScope scope = new NDScope()) {
            long[] top = model.forward(batch.images(m)).argMax(1).toLongArray();
            int[] r = new int[top.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = (int) top[i];
            }
            return r;
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** The fraction of {@code data}'s images at {@code indices} predicted as their label. */
    public double accuracy(ImageDataset data, int[] indices) {
        return agreement(data, indices, null);
    }

    /**
     * The fraction of the images at {@code indices}, after {@code edit}, whose prediction equals
     * their (edited) label.
     */
    public double agreement(ImageDataset data, int[] indices, BatchEdit edit) {
        if (indices.length == 0) {
            return Double.NaN;
        }
        int hits = 0;
        for (int from = 0; from < indices.length; from += 250) {
            int[] part =
                    java.util.Arrays.copyOfRange(
                            indices, from, Math.min(indices.length, from + 250));
            LabeledBatch b = LabeledBatch.of(data, part);
            if (edit != null) {
                b = edit.apply(b);
            }
            int[] p = predict(b);
            for (int i = 0; i < p.length; i++) {
                if (p[i] == b.labels()[i]) {
                    hits++;
                }
            }
        }
        return (double) hits / indices.length;
    }

    /** A change to a batch before it is used: stamping a trigger, relabelling. */
    @FunctionalInterface
    public interface BatchEdit {
        LabeledBatch apply(LabeledBatch b);
    }

    private static NDArray oneHot(NDManager m, int[] labels, int classes) {
        float[] v = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(
                        "label " + labels[i] + " outside the model's " + classes + " classes");
            }
            v[i * classes + labels[i]] = 1f;
        }
        return m.create(v, new Shape(labels.length, classes));
    }
}
