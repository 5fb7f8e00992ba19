package dev.sensiprint.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.sensiprint.attack.LiveWeights;
import dev.sensiprint.attack.Tampering;
import dev.sensiprint.attack.WeightSet;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import java.util.Arrays;
import java.util.List;

/**
 * Which samples' top-1 labels flip under which simulated weight change (joint selection, issue 7):
 * each change is applied to the live weights of a loaded model and undone before the next. One
 * piece for {@code generate --select joint|joint-pairs} and {@code evaluate}'s joint and
 * joint_pairs pools.
 */
public final class SimulatedFlips {

    private SimulatedFlips() {}

    /** Hears that one more simulated change was applied and undone. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = () -> {};

        void changeDone();
    }

    /**
     * flips[i][p]: whether sample i's top-1 label changes under simulated change p. The model
     * leaves with exactly the weights it came with, also when a change fails.
     */
    public static boolean[][] labelFlips(
            DifferentiableModel model,
            List<FloatTensor> samples,
            List<JointSelection.SimulatedChange> changes,
            Listener listener) {
        WeightSet original = LiveWeights.read(model.weights());
        int[] clean = labels(model, samples);
        boolean[][] flips = new boolean[samples.size()][changes.size()];
        try {
            for (int p = 0; p < changes.size(); p++) {
                JointSelection.SimulatedChange c = changes.get(p);
                Tampering.applyInPlace(model, c.attack(), c.seed());
                int[] tampered = labels(model, samples);
                for (int i = 0; i < samples.size(); i++) {
                    flips[i][p] = tampered[i] != clean[i];
                }
                LiveWeights.write(original, model.weights());
                listener.changeDone();
            }
        } finally {
            // The caller goes on with this model: it must leave exactly as it came.
            LiveWeights.write(original, model.weights());
        }
        return flips;
    }

    /** Top-1 labels of a batch through the differentiable load (no graph is recorded). */
    private static int[] labels(DifferentiableModel model, List<FloatTensor> samples) {
        int[] shape = samples.get(0).shape();
        int size = samples.get(0).data().length;
        float[] batch = new float[samples.size() * size];
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(samples.get(i).data(), 0, batch, i * size, size);
        }
        long[] dims = new long[shape.length + 1];
        dims[0] = samples.size();
        for (int d = 0; d < shape.length; d++) {
            dims[d + 1] = shape[d];
        }
        try (NDManager call = model.manager().newSubManager();
                NDScope ignored = new NDScope()) {
            NDArray x = call.create(batch, new Shape(dims));
            NDArray out = model.forward(x).toType(DataType.FLOAT32, false);
            int classes = Math.toIntExact(out.getShape().get(1));
            float[] v = out.toFloatArray();
            int[] labels = new int[samples.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = Outputs.argmax(Arrays.copyOfRange(v, i * classes, (i + 1) * classes));
            }
            return labels;
        }
    }
}
