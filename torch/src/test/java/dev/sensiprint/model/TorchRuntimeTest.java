package dev.sensiprint.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sensiprint.tensor.FloatTensor;
import java.net.ProxySelector;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchRuntimeTest {

    @TempDir Path dir;

    /**
     * Catches URL fetches that honour the default proxy selector (model-zoo or native-library
     * downloads). Blind spots: DJL's telemetry connects with {@code Proxy.NO_PROXY}, which skips
     * the selector, and in this JVM the launcher flags are set and the engine may already be up.
     * {@link OfflineProcessTest} covers both, at socket level in fresh JVMs without any flag.
     */
    @Test
    void engineStartAndModelLoadFetchNoUrlThroughTheProxySelector() throws Exception {
        Path model = TinyTorchScript.write(dir.resolve("tiny.pt"), "torch.flatten(x, 1)");
        ProxySelector previous = ProxySelector.getDefault();
        RecordingProxySelector recorder = new RecordingProxySelector();
        ProxySelector.setDefault(recorder);
        try {
            TorchRuntime.pytorch();
            try (InferenceModel m = ModelLoader.forInference(ModelSpec.of(model, 1, 4, 4))) {
                m.predict(FloatTensor.zeros(1, 1, 4, 4));
            }
        } finally {
            ProxySelector.setDefault(previous);
        }
        assertThat(recorder.attempts()).isEmpty();
    }

    @Test
    void ensureOfflineSetsTheOfflinePropertyWhenAbsent() {
        String before = System.getProperty(TorchRuntime.OFFLINE_PROPERTY);
        System.clearProperty(TorchRuntime.OFFLINE_PROPERTY);
        try {
            TorchRuntime.ensureOffline();
            assertThat(System.getProperty(TorchRuntime.OFFLINE_PROPERTY)).isEqualTo("true");
        } finally {
            restore(TorchRuntime.OFFLINE_PROPERTY, before);
        }
    }

    @Test
    void ensureOfflineKeepsAValueTheUserSet() {
        String before = System.getProperty(TorchRuntime.OFFLINE_PROPERTY);
        System.setProperty(TorchRuntime.OFFLINE_PROPERTY, "false");
        try {
            TorchRuntime.ensureOffline();
            assertThat(System.getProperty(TorchRuntime.OFFLINE_PROPERTY)).isEqualTo("false");
        } finally {
            restore(TorchRuntime.OFFLINE_PROPERTY, before);
        }
    }

    @Test
    void intraOpThreadsCanBePinned() {
        int before = TorchRuntime.intraOpThreads();
        try {
            TorchRuntime.setIntraOpThreads(1);
            assertThat(TorchRuntime.intraOpThreads()).isEqualTo(1);
        } finally {
            TorchRuntime.setIntraOpThreads(before);
        }
    }

    @Test
    void threadCountBelowOneIsRefused() {
        assertThatThrownBy(() -> TorchRuntime.setIntraOpThreads(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }

    @Test
    void seedingMakesLibtorchRandomNumbersRepeat() {
        try (NDManager m = TorchRuntime.pytorch().newBaseManager()) {
            TorchRuntime.seed(42);
            float[] first = m.randomUniform(0, 1, new Shape(8)).toFloatArray();
            TorchRuntime.seed(42);
            float[] again = m.randomUniform(0, 1, new Shape(8)).toFloatArray();
            TorchRuntime.seed(43);
            float[] other = m.randomUniform(0, 1, new Shape(8)).toFloatArray();
            assertThat(again).containsExactly(first);
            assertThat(other).isNotEqualTo(first);
        }
    }

    @Test
    void reportsTheBundledLibtorchVersion() {
        assertThat(TorchRuntime.libtorchVersion()).isEqualTo("2.7.1");
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
