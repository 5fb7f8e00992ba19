package dev.sensiprint.select;

import ai.djl.ndarray.types.DataType;
import dev.sensiprint.autograd.Autograd;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.Weight;
import dev.sensiprint.sensitivity.WeightSelection;
import dev.sensiprint.tensor.FloatTensor;
import java.util.BitSet;
import java.util.List;

/**
 * MANC over every layer by the weight cover of method.md §4: the unit is one value of one weight
 * tensor (every trainable tensor of the model, biases and BatchNorm scales included), active on x
 * when |d z_c / d W| for the top class c is above {@link #RELATIVE_THRESHOLD} times the largest |d
 * z_c / d W| of its tensor on x. The rationale of MANC carries over unchanged: a weight whose
 * gradient is zero on every chosen sample cannot move any chosen output to first order. Hook-free,
 * so convolutions are covered too, which {@link LinearLayerActivations} cannot do.
 *
 * <p>For a fully connected layer, d z_c / d W[i,j] = δ_i x_j is exactly zero for a dead unit i (δ_i
 * = 0) and for a zero input x_j (a black pixel, a dead unit below), so there the cover is the MANC
 * of the layer's inputs and outputs together. The last layer contributes row c only: its other rows
 * are covered only by samples of other top classes, which bounds the cover of a model whose last
 * layer holds most of its weights (mnist_convnet: 11,520 of 11,690).
 *
 * <p>Why one value and not a coarser unit such as a conv kernel's (out, in) slice: measured on the
 * first 10 CIFAR-10 test images, ResNet-20's cover is 95.6 % of its 269,722 values and 94.9 % of
 * its 31,770 slices — coarsening changes little — while the values cost 34 KB a sample (3.4 MB for
 * 100 candidates) and one backward pass, about 77 ms a sample on the project's 2-core machine, the
 * same pass the slices would need. So the unit stays the one the first-order argument is about.
 *
 * <p>Why 1e-4: on the shared models the cover is flat from exact non-zero up to 1e-4 (ResNet-20's
 * active share per sample 0.910 → 0.905, 10-sample cover 0.9559 → 0.9557; the MLP and mnist_convnet
 * move by less than 1e-4, their zeros being exact) and falls above it (ResNet-20 per sample 0.877
 * at 1e-3, 0.716 at 1e-2). So it drops only a thin tail, values four orders of magnitude below the
 * strongest of their own tensor, and being relative to that tensor's scale it does not depend on
 * how saturated a softmax output is.
 */
public final class WeightCover implements NeuronActivations {

    /** Active: |g| above this fraction of the largest |g| of the same tensor on the same x. */
    public static final double RELATIVE_THRESHOLD = 1e-4;

    private final DifferentiableModel model;
    private final List<Weight> weights;
    private final int[] offsets;
    private final int units;
    private final Autograd autograd;

    private WeightCover(DifferentiableModel model, List<Weight> weights, int[] offsets, int units) {
        this.model = model;
        this.weights = weights;
        this.offsets = offsets;
        this.units = units;
        this.autograd = Autograd.load(model.manager());
    }

    /**
     * One unit per value of every weight tensor of {@code model}, in {@link
     * DifferentiableModel#weights()} order.
     *
     * @throws BadInputException when the model exposes no weights or more than a bit set indexes
     */
    public static WeightCover of(DifferentiableModel model) {
        List<Weight> weights =
                WeightSelection.all().select(model.weights(), model.info().numClasses());
        long n = weights.stream().mapToLong(Weight::size).sum();
        if (n > Integer.MAX_VALUE) {
            throw new BadInputException(
                    "the model has "
                            + n
                            + " weight values, more than a weight cover can index ("
                            + Integer.MAX_VALUE
                            + "); use --manc-layers penultimate or linear");
        }
        int[] offsets = new int[weights.size()];
        for (int t = 1; t < weights.size(); t++) {
            offsets[t] = offsets[t - 1] + (int) weights.get(t - 1).size();
        }
        return new WeightCover(model, weights, offsets, (int) n);
    }

    /** How many weight values the model has. */
    @Override
    public int neuronCount() {
        return units;
    }

    /** The weight values with a non-negligible |d z_c / d W| on x, c its top class. */
    @Override
    public BitSet active(FloatTensor x) {
        return TopLogitGradients.read(
                model,
                autograd,
                x,
                weights.stream().map(Weight::array).toList(),
                t -> {
                    BitSet active = new BitSet(units);
                    for (int i = 0; i < t.gradients().size(); i++) {
                        float[] g =
                                t.gradients().get(i).toType(DataType.FLOAT32, false).toFloatArray();
                        markActive(g, offsets[i], active);
                    }
                    return active;
                });
    }

    private static void markActive(float[] g, int offset, BitSet active) {
        float largest = 0;
        for (float v : g) {
            largest = Math.max(largest, Math.abs(v));
        }
        // Strictly above: exact zeros stay inactive even when the whole tensor is zero.
        double floor = RELATIVE_THRESHOLD * largest;
        for (int i = 0; i < g.length; i++) {
            if (Math.abs(g[i]) > floor) {
                active.set(offset + i);
            }
        }
    }

    @Override
    public void close() {
        autograd.close();
    }
}
