package dev.sensiprint.serve;

import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.tensor.FloatTensor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs every call of a model on one dedicated thread, one call at a time, while the HTTP threads
 * that asked wait for their answer.
 *
 * <p>Why one thread and not a lock or a pool of predictors: DJL predictors and NDManagers are not
 * thread-safe, and libtorch keeps state per thread (grad mode is on in new threads; the graph
 * executor setting that makes repeated TorchScript calls bit-identical is per thread; see
 * djl-pytorch.md §6–7). One long-lived thread gives the model the same thread for its whole life,
 * so whatever the loader set up on first use holds, and outputs do not depend on which HTTP thread
 * happened to carry a request. libtorch still uses its intra-op threads inside each call. The cost
 * is a thread hand-off per request (microseconds) and no parallelism across requests, which on a
 * CPU where one forward pass already uses every core would buy little.
 */
final class SerialModel implements AutoCloseable {

    /** The model thread was stopped (the server is stopping) before the call ran. */
    static final class Stopped extends Exception {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("the server is stopping", null, false, false);
        }
    }

    private final InferenceModel model;
    private final ExecutorService thread;

    SerialModel(InferenceModel model, String threadName) {
        this.model = model;
        this.thread =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, threadName);
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * The model's outputs for a batch, computed on the model thread.
     *
     * @throws RuntimeException whatever the model threw (unwrapped)
     * @throws Stopped if the model thread has been shut down
     * @throws InterruptedException if the waiting thread is interrupted
     */
    FloatTensor predict(FloatTensor pixels) throws Stopped, InterruptedException {
        Future<FloatTensor> result;
        try {
            result = thread.submit(() -> model.predict(pixels));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new Stopped();
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Lets the call in progress finish (up to {@code waitMillis}), then stops the thread. */
    void close(long waitMillis) throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) {
            thread.shutdownNow();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
