package dev.sensiprint.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServeSettingsTest {

    @Test
    void defaultsBindLoopbackOnAnEphemeralPortWithTheDocumentedLimits() {
        ServeSettings s = ServeSettings.builder("mnist").build();
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isZero();
        assertThat(s.modelVersion()).isEqualTo("1");
        assertThat(s.maxBodyBytes()).isEqualTo(64L << 20);
        assertThat(s.maxBatch()).isEqualTo(256);
        assertThat(s.accessLog()).isSameAs(AccessLog.NONE);
    }

    @Test
    void aNameThatWouldNeedEscapingInAUrlIsRejected() {
        assertThatThrownBy(() -> ServeSettings.builder("my model").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'my model'");
        assertThatThrownBy(() -> ServeSettings.builder("a/b").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServeSettings.builder("m").modelVersion("").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model version");
    }

    @Test
    void outOfRangeLimitsAreRejected() {
        assertThatThrownBy(() -> ServeSettings.builder("m").port(70000).build())
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> ServeSettings.builder("m").maxBatch(0).build())
                .hasMessageContaining("batch");
        assertThatThrownBy(() -> ServeSettings.builder("m").maxBodyBytes(10).build())
                .hasMessageContaining("body");
    }

    @Test
    void aModelNameIsDerivedFromAFileName() {
        assertThat(ServeSettings.nameFromFileName("mnist_mlp_clean.pt"))
                .isEqualTo("mnist_mlp_clean");
        assertThat(ServeSettings.nameFromFileName("/models/res net.v2.onnx"))
                .isEqualTo("res_net.v2");
        assertThat(ServeSettings.nameFromFileName(".pt")).isEqualTo("pt");
        assertThat(ServeSettings.nameFromFileName("___")).isEqualTo("model");
    }
}
