package dev.sensiprint.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.sensiprint.calibrate.ModelVariations;
import dev.sensiprint.calibrate.Variation;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Outputs of the model whose weights the evaluation tampers with in place: the differentiable load,
 * run in fixed batches with grad mode off, each batch in its own scope so that thousands of copies
 * leave no native memory behind.
 *
 * <p>This is how every tampered copy answers. The fingerprint's expected outputs come from the
 * inference load one sample at a time (what {@code generate} stores), so this path is itself a
 * benign variation of the clean model; {@link #asVariation} lets calibration and the false-positive
 * check measure it like the others.
 */
final class LiveForward {

    /** Samples per forward call; the same for every copy, so only the weights differ. */
    static final int BATCH = 64;

    private final DifferentiableModel model;

    LiveForward(DifferentiableModel model) {
        this.model = model;
    }

    /** One output vector per sample, in order. */
    List<FloatTensor> outputs(List<FloatTensor> samples) {
        List<FloatTensor> out = new ArrayList<>(samples.size());
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int start = 0; start < samples.size(); start += BATCH) {
                List<FloatTensor> chunk =
                        samples.subList(start, Math.min(samples.size(), start + BATCH));
                FloatTensor batch = ModelVariations.batchOf(chunk);
                try (NDManager m = model.manager().newSubManager();
                        NDScope ignored = new NDScope()) {
                    long[] shape = IntStream.of(batch.shape()).asLongStream().toArray();
                    NDArray scores = model.forward(m.create(batch.data(), new Shape(shape)));
                    long[] s = scores.getShape().getShape();
                    float[] values = scores.toType(DataType.FLOAT32, false).toFloatArray();
                    FloatTensor rows = new FloatTensor(new int[] {(int) s[0], (int) s[1]}, values);
                    for (int i = 0; i < chunk.size(); i++) {
                        out.add(FloatTensor.vector(Outputs.row(rows, i)));
                    }
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        return out;
    }

    /** This path on the (clean) model, as a benign variation. */
    Variation asVariation() {
        return new Variation() {
            @Override
            public String name() {
                return "live-batch=" + BATCH;
            }

            @Override
            public List<FloatTensor> outputs(List<FloatTensor> samples) {
                return LiveForward.this.outputs(samples);
            }
        };
    }
}
