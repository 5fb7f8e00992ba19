package dev.sensiprint.serve;

import dev.sensiprint.fingerprint.ModelInfo;
import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.fingerprint.Preprocessing;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.tensor.FloatTensor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** Deterministic stand-ins for a real model, for server tests that need no libtorch. */
final class FakeModels {

    private FakeModels() {}

    static ModelInfo info(String fileName, int[] inputShape, int numClasses) {
        return new ModelInfo(
                "0".repeat(64),
                fileName,
                inputShape,
                0f,
                1f,
                Preprocessing.NONE,
                OutputKind.LOGITS,
                numClasses);
    }

    /** A model computing {@code outputs} from the batch, counting calls that overlap. */
    static class Fake implements InferenceModel {
        private final ModelInfo info;
        private final UnaryOperator<FloatTensor> outputs;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        volatile boolean closed;

        Fake(ModelInfo info, UnaryOperator<FloatTensor> outputs) {
            this.info = info;
            this.outputs = outputs;
        }

        @Override
        public ModelInfo info() {
            return info;
        }

        @Override
        public FloatTensor predict(FloatTensor pixels) {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            try {
                calls.incrementAndGet();
                return outputs.apply(pixels);
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Output k of sample n is the sum of channel k of that sample, summed in row-major order. */
    static Fake channelSums(int channels, int height, int width) {
        return new Fake(
                info("sums.pt", new int[] {channels, height, width}, channels),
                FakeModels::sumChannels);
    }

    static FloatTensor sumChannels(FloatTensor pixels) {
        int n = pixels.shape()[0];
        int c = pixels.shape()[1];
        int plane = pixels.size() / (n * c);
        float[] out = new float[n * c];
        for (int i = 0; i < n * c; i++) {
            float s = 0;
            for (int j = 0; j < plane; j++) {
                s += pixels.data()[i * plane + j];
            }
            out[i] = s;
        }
        return new FloatTensor(new int[] {n, c}, out);
    }

    /** Outputs are the inputs: a [1, 2, 2] sample gives 4 outputs equal to its pixels. */
    static Fake identity() {
        return new Fake(
                info("identity.onnx", new int[] {1, 2, 2}, 4),
                p -> new FloatTensor(new int[] {p.shape()[0], 4}, p.data().clone()));
    }

    /** A model whose every call fails with a multi-line native-looking message. */
    static Fake failing() {
        return new Fake(
                info("broken.pt", new int[] {1, 2, 2}, 2),
                p -> {
                    throw new IllegalStateException(
                            "libtorch: shape mismatch in addmm\n  at frame #0 torch::autograd\n"
                                    + "  at frame #1 ...");
                });
    }

    /** A model answering with the wrong number of classes. */
    static Fake wrongShape() {
        return new Fake(
                info("wrong.pt", new int[] {1, 2, 2}, 2), p -> FloatTensor.zeros(p.shape()[0], 3));
    }

    /**
     * Channel sums, but each call waits until {@code release} opens; {@code entered} counts calls.
     */
    static Fake gated(CountDownLatch entered, CountDownLatch release) {
        return new Fake(
                info("gated.pt", new int[] {2, 1, 2}, 2),
                p -> {
                    entered.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted");
                    }
                    return sumChannels(p);
                });
    }
}
