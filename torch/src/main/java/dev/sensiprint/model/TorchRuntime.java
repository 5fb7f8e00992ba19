package dev.sensiprint.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The one place that prepares DJL's PyTorch engine: offline, reproducible, thread-pinned.
 *
 * <p>Offline: DJL's {@code Engine} class phones home (EC2 metadata and telemetry, plain HTTP to
 * 169.254.169.254) while it initialises unless {@code ai.djl.offline} or {@code OPT_OUT_TRACKING}
 * is set by then (djl-pytorch.md §2). The launcher passes {@code -Dai.djl.offline=true}; this class
 * sets the same property when it is absent, as a second line of defence. That only helps if it runs
 * before anything else touches {@code ai.djl.engine.Engine}, so every model loader goes through
 * {@link #pytorch()} first, and so should any other code that creates DJL arrays.
 *
 * <p>Determinism: TorchScript's profiling graph executor makes the second call of a module differ
 * from the first in the last bits unless it is turned off, per thread (§7). {@link
 * #configureCallingThread()} does that; the model classes call it before every forward.
 */
public final class TorchRuntime {

    /** DJL's name for the PyTorch engine. */
    public static final String ENGINE_NAME = "PyTorch";

    static final String OFFLINE_PROPERTY = "ai.djl.offline";
    static final String OPT_OUT_PROPERTY = "OPT_OUT_TRACKING";

    static {
        ensureOffline();
    }

    private TorchRuntime() {}

    /**
     * Sets {@code ai.djl.offline=true} and {@code OPT_OUT_TRACKING=true} as system properties
     * unless the user set them. Effective only before DJL's {@code Engine} class initialises.
     */
    public static void ensureOffline() {
        if (System.getProperty(OFFLINE_PROPERTY) == null) {
            System.setProperty(OFFLINE_PROPERTY, "true");
        }
        // Checked by DJL only when offline mode is off (e.g. env DJL_OFFLINE=false wins over the
        // property above): a third line of defence against the telemetry call.
        if (System.getProperty(OPT_OUT_PROPERTY) == null) {
            System.setProperty(OPT_OUT_PROPERTY, "true");
        }
    }

    /**
     * The PyTorch engine, loaded offline from the bundled native jar. The first call takes about
     * 0.5 s with a warm native cache (2 s cold), later calls are free.
     */
    public static Engine pytorch() {
        ensureOffline();
        return Engine.getEngine(ENGINE_NAME);
    }

    /** The libtorch version the engine runs, e.g. {@code 2.7.1}; store it with fingerprints. */
    public static String libtorchVersion() {
        return pytorch().getVersion();
    }

    /**
     * Pins libtorch's intra-op thread pool to {@code threads}. Results are bit-identical across
     * runs only at the same thread count (1 vs 2 threads differ at about 1e-7 relative), so pin it
     * wherever outputs are compared bit for bit, and record it.
     */
    public static void setIntraOpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        pytorch();
        JniUtils.setNumThreads(threads);
    }

    /** The current size of libtorch's intra-op thread pool. */
    public static int intraOpThreads() {
        pytorch();
        return JniUtils.getNumThreads();
    }

    /**
     * Turns off TorchScript's graph-executor optimiser on the calling thread (a thread-local switch
     * in libtorch), so that repeated calls of a module give bit-identical results. Cheap; call it
     * on every thread that runs a model.
     */
    public static void configureCallingThread() {
        pytorch();
        JniUtils.setGraphExecutorOptimize(false);
    }

    /** Seeds libtorch's and DJL's random generators. */
    public static void seed(int seed) {
        pytorch().setRandomSeed(seed);
    }
}
