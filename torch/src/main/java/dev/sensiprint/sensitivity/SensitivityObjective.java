package dev.sensiprint.sensitivity;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.sensiprint.autograd.Autograd;
import dev.sensiprint.fingerprint.ModelInfo;
import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.Weight;
import java.util.Arrays;
import java.util.List;

/**
 * The sensitivity of a sample (method.md §2): S(x) = ||dF/dW||²_F / |W| with F(x) = Σ_{i∈C} log
 * p_i(x), and its exact gradient with respect to the pixels by double backprop.
 *
 * <p>p = softmax(logits), or the model's own output when it already gives probabilities (then
 * clamped below at {@value #PROBABILITY_FLOOR} so that log p and its gradient stay finite). W is
 * fixed at construction; C is chosen from the seed ({@link #classesOf}) and passed to each call.
 *
 * <p>Every call runs in its own sub-manager of the model's manager and its own {@link NDScope}, so
 * native memory stays flat over thousands of calls and nothing accumulates in the model's manager
 * (djl-pytorch.md §5). Each call opens a {@link GradientCollector}, so it must not be made while
 * another one is open (DJL allows one per JVM). Not thread-safe.
 */
public final class SensitivityObjective implements AutoCloseable {

    /**
     * Smallest probability whose log is taken for a model that outputs probabilities: far below
     * anything that matters, yet a normal float32, so 1/p (the gradient of log p) stays finite.
     */
    static final double PROBABILITY_FLOOR = 1e-30;

    private final DifferentiableModel model;
    private final List<Weight> weights;
    private final List<NDArray> weightArrays;
    private final long weightCount;
    private final int[] inputShape;
    private final int numClasses;
    private final OutputKind outputKind;
    private final DataType dataType;
    private final Autograd autograd;

    private SensitivityObjective(DifferentiableModel model, ModelInfo info, List<Weight> weights) {
        this.model = model;
        this.weights = weights;
        this.weightArrays = weights.stream().map(Weight::array).toList();
        this.weightCount = weights.stream().mapToLong(Weight::size).sum();
        this.inputShape = info.inputShape();
        this.numClasses = info.numClasses();
        this.outputKind = info.outputKind();
        this.dataType = weights.get(0).array().getDataType();
        this.autograd = Autograd.load(model.manager());
    }

    /**
     * The objective over the weights {@code selection} picks from {@code model}. The model stays
     * owned by the caller; {@link #close()} releases only what the objective loaded.
     */
    public static SensitivityObjective create(
            DifferentiableModel model, WeightSelection selection) {
        ModelInfo info = model.info();
        List<Weight> chosen = selection.select(model.weights(), info.numClasses());
        return new SensitivityObjective(model, info, chosen);
    }

    /** The manager of the model the objective differentiates; per-call managers go under it. */
    public NDManager manager() {
        return model.manager();
    }

    /** The weight tensors W, in the model's order. */
    public List<Weight> weights() {
        return weights;
    }

    /** |W|: the number of weight values the sensitivity is averaged over. */
    public long weightCount() {
        return weightCount;
    }

    /** The class set C for a seed image x0 (shape C×H×W): fix it once, before optimising. */
    public ClassSet classesOf(NDArray seed, ClassSelection selection) {
        requireInputShape(seed);
        try (NDManager call = model.manager().newSubManager();
                NDScope ignored = new NDScope()) {
            NDArray x = seed.stopGradient();
            x.attach(call);
            NDArray out = model.forward(x.toType(dataType, false).expandDims(0));
            float[] scores = out.toType(DataType.FLOAT32, false).toFloatArray();
            return selection.choose(scores);
        }
    }

    /** S(x) for one sample x (shape C×H×W): one forward and one first-order backward pass. */
    public double value(NDArray x, ClassSet classes) {
        requireInputShape(x);
        try (NDManager call = model.manager().newSubManager();
                NDScope ignored = new NDScope();
                GradientCollector collector = newCollector()) {
            NDArray leaf = leaf(x, call, false);
            NDArray out = model.forward(leaf.expandDims(0));
            NDArray s =
                    autograd.meanSquaredGradient(
                            call, logObjective(call, out, classes), count(call), weightArrays);
            return s.toType(DataType.FLOAT64, false).getDouble();
        }
    }

    /**
     * S(x) and grad_x S for one sample x (shape C×H×W), exact, by double backprop. The gradient is
     * attached to x's manager.
     */
    public Sensitivity valueAndGradient(NDArray x, ClassSet classes) {
        requireInputShape(x);
        NDArray gradient;
        NDArray output;
        double value;
        try (NDManager call = model.manager().newSubManager();
                NDScope ignored = new NDScope();
                GradientCollector collector = newCollector()) {
            NDArray leaf = leaf(x, call, true);
            NDArray out = model.forward(leaf.expandDims(0));
            List<NDArray> sAndGradient =
                    sensitivityAndGradient(call, logObjective(call, out, classes), leaf);
            value = sAndGradient.get(0).toType(DataType.FLOAT64, false).getDouble();
            gradient = sAndGradient.get(1);
            // A copy without autograd history: the graph must not outlive the call.
            output = out.get(0).stopGradient().duplicate();
            NDScope.unregister(gradient, output);
            gradient.attach(x.getManager());
            output.attach(x.getManager());
        }
        return new Sensitivity(value, gradient, output);
    }

    /** F = Σ_{i∈C} log p_i for one output row. */
    private NDArray logObjective(NDManager call, NDArray out, ClassSet classes) {
        return outputKind == OutputKind.LOGITS
                ? summedLogSoftmax(call, out, classes)
                : summedLog(call, out, classes);
    }

    /** ||dF/dW||²_F / |W| and its gradient with respect to the leaf, in one helper call. */
    private List<NDArray> sensitivityAndGradient(NDManager call, NDArray f, NDArray leaf) {
        return autograd.meanSquaredGradientAndInputGradient(
                call, f, leaf, count(call), weightArrays);
    }

    /** |W| as a scalar tensor of the weights' type. */
    private NDArray count(NDManager call) {
        return call.create((double) weightCount).toType(dataType, false);
    }

    /**
     * Unbiased estimates of grad_x S_b / scale_b for B independent samples from one batched double
     * backprop (the random-sign estimate): with G = Σ_b s_b g_b / √scale_b, g_b = dF_b/dW and signs
     * s_b = ±1, the gradient of ||G||²/|W| with respect to x_b is, averaged over the signs, exactly
     * grad S_b / scale_b; the cross terms between samples cancel in expectation (and exactly when
     * averaged over all 2^B sign vectors). With scale_b = S_b(x_b) this is grad log S_b, the
     * direction the generator ascends; the scales also keep a sample with S = 1e-18 from being
     * drowned by one with S = 1e-6.
     *
     * <p>One draw is noisy: the cross terms grow with B and with the alignment of the samples'
     * weight gradients. Cost: about one batched double backprop instead of B single ones.
     *
     * @param xs B samples (B × C×H×W)
     * @param classes the class set of each sample
     * @param scales a positive scale per sample, usually its current S
     * @param signs +1 or −1 per sample, drawn uniformly and independently by the caller
     * @return the B estimates (B × C×H×W), attached to the manager of {@code xs}
     */
    public NDArray randomSignGradients(
            NDArray xs, List<ClassSet> classes, double[] scales, int[] signs) {
        int batch = requireBatchShape(xs);
        if (classes.size() != batch || scales.length != batch || signs.length != batch) {
            throw new IllegalArgumentException(
                    "need one class set, scale and sign per sample: batch "
                            + batch
                            + ", "
                            + classes.size()
                            + " class sets, "
                            + scales.length
                            + " scales, "
                            + signs.length
                            + " signs");
        }
        for (int b = 0; b < batch; b++) {
            if (!(scales[b] > 0) || !Double.isFinite(scales[b])) {
                throw new IllegalArgumentException(
                        "scale " + b + " must be positive and finite, got " + scales[b]);
            }
            if (signs[b] != 1 && signs[b] != -1) {
                throw new IllegalArgumentException(
                        "sign " + b + " must be +1 or -1, got " + signs[b]);
            }
        }
        NDArray gradients;
        try (NDManager call = model.manager().newSubManager();
                NDScope ignored = new NDScope();
                GradientCollector collector = newCollector()) {
            NDArray leaf = leaf(xs, call, true);
            NDArray out = model.forward(leaf);
            NDArray combined = null;
            for (int b = 0; b < batch; b++) {
                NDArray f = logObjective(call, out.get(b), classes.get(b));
                NDArray term = f.mul(signs[b] / Math.sqrt(scales[b]));
                combined = combined == null ? term : combined.add(term);
            }
            gradients = sensitivityAndGradient(call, combined, leaf).get(1);
            NDScope.unregister(gradients);
            gradients.attach(xs.getManager());
        }
        return gradients;
    }

    /**
     * Σ_{i∈C} log softmax(z)_i, written so that its gradient stays accurate in float32 when the
     * seed is classified confidently.
     *
     * <p>The plain route (log_softmax) has gradient onehot − p, and 1 − p_top rounds to a multiple
     * of 6e-8 in float32: once 1 − p_top falls below that (a confident seed, where S is 1e-18 and
     * less), dF/dW and S are mostly rounding error. Here log p_i = −softplus(t_i) with t_i = log
     * Σ_{j≠i} exp(z_j − z_i), whose gradient with respect to z_i is sigmoid(t_i) = Σ_{j≠i} p_j,
     * computed from the small terms themselves. The autograd helper computes it with {@code
     * logsumexp}: the double backprop goes through a third fewer graph nodes than the same formula
     * written op by op from Java (docs/BENCHMARKS.md).
     */
    private NDArray summedLogSoftmax(NDManager call, NDArray logits, ClassSet classes) {
        int[] c = classes.classes();
        long[] indices = new long[c.length];
        for (int r = 0; r < c.length; r++) {
            if (c[r] >= numClasses) {
                throw new IllegalArgumentException(
                        "class " + c[r] + " is out of range for " + numClasses + " outputs");
            }
            indices[r] = c[r];
        }
        return autograd.logProbabilities(call, logits, call.create(indices));
    }

    /**
     * Σ_{i∈C} log p_i for a model that outputs probabilities p, clamped below at {@value
     * #PROBABILITY_FLOOR}.
     */
    private NDArray summedLog(NDManager call, NDArray probabilities, ClassSet classes) {
        NDArray mask = call.create(classes.mask(numClasses)).toType(dataType, false);
        return probabilities.maximum(PROBABILITY_FLOOR).log().mul(mask).sum();
    }

    /**
     * A leaf tensor with x's values in the model's data type, attached to the call's manager.
     * Detached from whatever graph x belongs to, so that grad_x S is exactly ∂S/∂x.
     */
    private NDArray leaf(NDArray x, NDManager call, boolean requiresGradient) {
        NDArray leaf = x.stopGradient();
        if (leaf.getDataType() != dataType) {
            leaf = leaf.toType(dataType, false);
        }
        leaf.attach(call);
        if (requiresGradient) {
            leaf.setRequiresGradient(true);
        }
        return leaf;
    }

    private int requireBatchShape(NDArray xs) {
        long[] dims = xs.getShape().getShape();
        long[] one = Arrays.stream(inputShape).asLongStream().toArray();
        if (dims.length != one.length + 1
                || dims[0] < 1
                || !Arrays.equals(Arrays.copyOfRange(dims, 1, dims.length), one)) {
            throw new IllegalArgumentException(
                    "a batch of shape (B, "
                            + Arrays.toString(inputShape).replaceAll("[\\[\\]]", "")
                            + ") expected, got "
                            + xs.getShape());
        }
        return Math.toIntExact(dims[0]);
    }

    private void requireInputShape(NDArray x) {
        Shape expected = new Shape(Arrays.stream(inputShape).asLongStream().toArray());
        if (!x.getShape().equals(expected)) {
            throw new IllegalArgumentException(
                    "one sample of shape " + expected + " expected, got " + x.getShape());
        }
    }

    private static GradientCollector newCollector() {
        return Engine.getEngine("PyTorch").newGradientCollector();
    }

    @Override
    public void close() {
        autograd.close();
    }
}
