package dev.sensiprint.local;

import dev.sensiprint.endpoint.InferenceEndpoint;
import dev.sensiprint.error.EndpointException;
import dev.sensiprint.fingerprint.ModelInfo;
import dev.sensiprint.fingerprint.Preprocessing;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.tensor.FloatTensor;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A TorchScript or ONNX file run in this process, answering exactly as a server that serves the
 * same file would: it receives what a server receives (normalised values when the file does not
 * normalise itself) and returns the file's raw output. For checking a model file against a
 * fingerprint without a server, and as the reference in tests.
 */
public final class LocalEndpoint implements InferenceEndpoint {

    private final InferenceModel model;
    private final Path file;

    private LocalEndpoint(InferenceModel model, Path file) {
        this.model = model;
        this.file = file;
    }

    /**
     * Loads {@code file} as a server would serve it, for inputs of the fingerprint's model.
     *
     * @throws dev.sensiprint.error.BadInputException when the file cannot be loaded
     */
    public static LocalEndpoint open(Path file, ModelInfo fingerprintModel) {
        int[] shape = fingerprintModel.inputShape();
        // The verifier already applies the fingerprint's preprocessing when the model file does
        // not (ServedInput), so the file is loaded bare: inputs arrive as the file expects them.
        Preprocessing bare = Preprocessing.NONE;
        ModelSpec spec =
                new ModelSpec(
                        file,
                        shape,
                        fingerprintModel.valueMin(),
                        fingerprintModel.valueMax(),
                        bare,
                        Optional.of(fingerprintModel.outputKind()));
        return new LocalEndpoint(ModelLoader.forInference(spec), file);
    }

    @Override
    public FloatTensor infer(FloatTensor input) {
        int[] batch = new int[input.rank() + 1];
        batch[0] = 1;
        System.arraycopy(input.shape(), 0, batch, 1, input.rank());
        try {
            FloatTensor out = model.predict(input.reshape(batch));
            return out.reshape(out.size());
        } catch (RuntimeException e) {
            throw new EndpointException(
                    "local model " + file.getFileName() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "local:" + file;
    }

    @Override
    public void close() {
        model.close();
    }
}
