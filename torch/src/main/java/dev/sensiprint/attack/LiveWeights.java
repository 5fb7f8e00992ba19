package dev.sensiprint.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.model.Weight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Copies W between a model's live tensors ({@link Weight}, as {@code DifferentiableModel.weights()}
 * gives them) and host copies ({@link WeightSet}).
 *
 * <p>Writes go into the live tensors in place (djl-pytorch.md §9.10: swapping handles with {@code
 * intern()} does not reach a TorchScript module's tensors) with libtorch's grad mode off, since the
 * parameters require grad and an in-place change of such a leaf under grad mode is an error in
 * PyTorch. Each written tensor is read back and compared bit for bit, so a write that did not land
 * (a non-contiguous view, a DJL change) fails loudly instead of saving an unchanged model.
 */
public final class LiveWeights {

    private LiveWeights() {}

    /**
     * Host copies of the weights, in the same order.
     *
     * @throws BadInputException if a weight is not float32 (the attacks are defined on float32)
     */
    public static WeightSet read(List<Weight> weights) {
        List<WeightValues> copies = new ArrayList<>(weights.size());
        for (Weight w : weights) {
            NDArray a = w.array();
            if (a.getDataType() != DataType.FLOAT32) {
                throw new BadInputException(
                        "weight "
                                + w.name()
                                + " is "
                                + a.getDataType()
                                + "; the attacks handle float32 weights only");
            }
            copies.add(new WeightValues(w.name(), shape(a), a.toFloatArray()));
        }
        return new WeightSet(copies);
    }

    /**
     * Writes every tensor of {@code values} whose contents differ into the matching live weight.
     *
     * @return the number of tensors written
     * @throws IllegalArgumentException if names or shapes do not match the live weights
     * @throws IllegalStateException if a tensor reads back different from what was written
     */
    public static int write(WeightSet values, List<Weight> weights) {
        if (values.tensorCount() != weights.size()) {
            throw new IllegalArgumentException(
                    values.tensorCount() + " tensors given for " + weights.size() + " weights");
        }
        int written = 0;
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int t = 0; t < weights.size(); t++) {
                Weight live = weights.get(t);
                WeightValues host = values.tensor(t);
                if (!live.name().equals(host.name())
                        || !Arrays.equals(shape(live.array()), host.shape())) {
                    throw new IllegalArgumentException(
                            "tensor " + t + " is " + host + ", the model has " + live.name());
                }
                if (Arrays.equals(live.array().toFloatArray(), host.values())) {
                    continue;
                }
                NDArray target = live.array();
                // An indexed put (aten index_put_) rather than NDArray.set(float[]), whose native
                // copy runs under libtorch's deprecated AutoNonVariableTypeMode and prints a
                // warning about "silent wrong results" to the user's terminal.
                try (NDArray source =
                        target.getManager()
                                .create(host.values(), target.getShape())
                                .toDevice(target.getDevice(), false)) {
                    target.set(new NDIndex("..."), source);
                }
                if (!Arrays.equals(live.array().toFloatArray(), host.values())) {
                    throw new IllegalStateException(
                            "weight " + live.name() + " did not take the values written to it");
                }
                written++;
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        return written;
    }

    private static int[] shape(NDArray a) {
        long[] s = a.getShape().getShape();
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            r[i] = Math.toIntExact(s[i]);
        }
        return r;
    }
}
