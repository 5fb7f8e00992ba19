package dev.sensiprint.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import dev.sensiprint.tensor.FloatTensor;
import java.nio.file.Path;

/**
 * Run in a fresh JVM by {@link OfflineProcessTest}: records TCP connection attempts while the
 * engine starts and a model loads and runs, then prints {@code ATTEMPTS <count> <targets>}.
 *
 * <p>Mode {@code runtime} goes through {@link ModelLoader} (and so {@link TorchRuntime}); mode
 * {@code bare} uses DJL directly with no offline setting, as a control that the recording works.
 */
public final class OfflineProbeMain {

    private OfflineProbeMain() {}

    public static void main(String[] args) throws Exception {
        SocketConnectRecorder.install();
        Path model = Path.of(args[1]);
        switch (args[0]) {
            case "runtime" -> {
                try (InferenceModel m = ModelLoader.forInference(ModelSpec.of(model, 1, 4, 4))) {
                    m.predict(FloatTensor.zeros(2, 1, 4, 4));
                }
            }
            case "bare" -> {
                Engine.getEngine("PyTorch");
                try (Model m = Model.newInstance("m", Device.cpu(), "PyTorch")) {
                    m.load(model);
                }
            }
            default -> throw new IllegalArgumentException("mode runtime or bare, got " + args[0]);
        }
        System.out.println(
                "ATTEMPTS "
                        + SocketConnectRecorder.attempts().size()
                        + " "
                        + SocketConnectRecorder.attempts());
    }
}
