package dev.sensiprint.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.model.TorchPickle.PickledObject;
import dev.sensiprint.model.TorchPickle.TensorRef;
import dev.sensiprint.testing.SharedFiles;
import java.io.IOException;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

class TorchPickleTest {

    private static byte[] entry(String model, String suffix) throws IOException {
        try (ZipFile zip = new ZipFile(SharedFiles.model(model).toFile())) {
            var e =
                    zip.stream()
                            .filter(z -> z.getName().endsWith("/" + suffix))
                            .filter(z -> z.getName().indexOf('/') == z.getName().lastIndexOf('/'))
                            .findFirst()
                            .orElseThrow();
            return zip.getInputStream(e).readAllBytes();
        }
    }

    @Test
    void readsTheModuleObjectWithItsBufferTensors() throws IOException {
        Object root = TorchPickle.read(entry("mnist_convnet.pt", "data.pkl"));
        assertThat(root).isInstanceOf(PickledObject.class);
        PickledObject module = (PickledObject) root;
        assertThat(module.type().name()).isEqualTo("OnnxAsTorch");
        TensorRef w3 = (TensorRef) module.attributes().get("w3");
        assertThat(w3.shape()).containsExactly(10, 1152);
        assertThat(w3.storage().storageType()).isEqualTo("FloatStorage");
        assertThat(w3.storage().key()).isEqualTo("3");
        assertThat(w3.isContiguous()).isTrue();
        assertThat(module.attributes().get("training")).isEqualTo(Boolean.FALSE);
    }

    @Test
    void readsTheConstantsTuple() throws IOException {
        List<?> constants = (List<?>) TorchPickle.read(entry("mnist_convnet.pt", "constants.pkl"));
        assertThat(constants).hasSize(5);
        assertThat(((TensorRef) constants.get(1)).shape()).containsExactly(32, 1, 2, 2);
        assertThat(((TensorRef) constants.get(4)).storage().storageType())
                .isEqualTo("DoubleStorage");
    }

    @Test
    void anUnknownOpcodeIsAnIoErrorNamingIt() {
        assertThatThrownBy(() -> TorchPickle.read(new byte[] {(byte) 0x80, 2, (byte) 0xf0}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("0xf0");
    }

    @Test
    void aTruncatedPickleIsAnIoError() {
        assertThatThrownBy(() -> TorchPickle.read(new byte[] {(byte) 0x80, 2, '('}))
                .isInstanceOf(IOException.class);
    }
}
