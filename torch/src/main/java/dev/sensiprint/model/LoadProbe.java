package dev.sensiprint.model;

import ai.djl.engine.EngineException;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.tensor.FloatTensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * The forward run once at load time: it proves the model accepts the declared input shape, finds
 * the number of classes, and detects the output kind unless the spec declares it.
 */
final class LoadProbe {

    /** What the probe found. */
    record Result(int numClasses, OutputKind outputKind) {}

    /** Probe inputs: all-min, all-max, mid-range, and one seeded uniform image. */
    static final int BATCH = 4;

    private LoadProbe() {}

    /**
     * @param forward the model's forward on pixels; throws {@link EngineException} when the engine
     *     rejects the input, and already checks that outputs are N×K scores
     */
    static Result run(ModelSpec spec, UnaryOperator<FloatTensor> forward) {
        FloatTensor in = inputs(spec);
        FloatTensor out;
        try {
            out = forward.apply(in);
        } catch (EngineException e) {
            throw new BadInputException(
                    "model "
                            + spec.path()
                            + " does not accept input shape "
                            + Arrays.toString(in.shape())
                            + ": "
                            + EngineMessages.summary(e),
                    e);
        }
        int k = out.shape()[1];
        OutputKind kind = spec.declaredOutputKind().orElseGet(() -> OutputKindDetector.detect(out));
        return new Result(k, kind);
    }

    static FloatTensor inputs(ModelSpec spec) {
        int size = spec.inputSize();
        float lo = spec.valueMin();
        float hi = spec.valueMax();
        float[] d = new float[BATCH * size];
        Arrays.fill(d, 0, size, lo);
        Arrays.fill(d, size, 2 * size, hi);
        Arrays.fill(d, 2 * size, 3 * size, lo + (hi - lo) / 2);
        SplittableRandom random = new SplittableRandom(20190616L);
        for (int i = 3 * size; i < 4 * size; i++) {
            d[i] = lo + (float) random.nextDouble() * (hi - lo);
        }
        int[] shape = new int[] {BATCH, 0, 0, 0};
        System.arraycopy(spec.inputShape(), 0, shape, 1, 3);
        return new FloatTensor(shape, d);
    }
}
