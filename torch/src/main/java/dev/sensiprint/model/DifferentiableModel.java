package dev.sensiprint.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.sensiprint.fingerprint.ModelInfo;
import java.util.List;

/**
 * A model loaded for gradient work: its forward pass records autograd when called inside a {@code
 * GradientCollector}, and its weights W are reachable as live tensors.
 *
 * <p>The seam between what needs the model (objective, generator, attacks) and how it was built (a
 * TorchScript file, a DJL block in a test). Not thread-safe: DJL allows one gradient collector per
 * JVM.
 */
public interface DifferentiableModel extends AutoCloseable {

    /** What the model is: input shape, preprocessing, output kind, class count, file digest. */
    ModelInfo info();

    /** The manager that owns the model's tensors; create per-call managers under it. */
    NDManager manager();

    /**
     * The model's output for a batch of pixel inputs (N × inputShape, values in the declared
     * range). The preprocessing of {@link #info()} is applied inside the graph, so gradients are
     * with respect to pixels. The result is logits or probabilities as {@link
     * ModelInfo#outputKind()} says; BatchNorm and dropout stay in inference mode.
     */
    NDArray forward(NDArray pixels);

    /** The weight tensors W: every trainable floating-point parameter, in a stable order. */
    List<Weight> weights();

    @Override
    void close();
}
