package dev.sensiprint.model;

import ai.djl.engine.EngineException;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.fingerprint.ModelInfo;
import dev.sensiprint.tensor.FloatTensor;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * An ONNX model for inference only (no autograd in ONNX Runtime), e.g. to check that one
 * fingerprint verifies on a second runtime.
 *
 * <p>Runs on ONNX Runtime's Java API, the library under DJL's onnxruntime engine, because its
 * session reports the declared input shape: models exported with a fixed batch (mnist_convnet.onnx
 * takes exactly 1) are fed in chunks of that size, the last chunk padded. Preprocessing, when the
 * loader applies it, is the same float arithmetic as on the TorchScript side.
 */
public final class OnnxInferenceModel implements InferenceModel {

    private final ModelSpec spec;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final long fixedBatch; // 0 when the batch dimension is dynamic
    private final ModelInfo info;

    private OnnxInferenceModel(ModelSpec spec, String sha256) {
        this.spec = spec;
        this.env = OrtEnvironment.getEnvironment();
        Path path = spec.path();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            this.session = env.createSession(path.toString(), options);
        } catch (OrtException e) {
            throw new BadInputException(
                    "model " + path + " could not be loaded as ONNX: " + EngineMessages.summary(e),
                    e);
        }
        try {
            Map.Entry<String, TensorInfo> input = singleFloatInput();
            this.inputName = input.getKey();
            this.fixedBatch = checkDeclaredShape(input.getValue().getShape());
            this.info = ModelInfos.of(spec, sha256, LoadProbe.run(spec, this::run));
        } catch (RuntimeException e) {
            closeSession();
            throw e;
        }
    }

    /**
     * Loads an ONNX model ({@code .onnx}) for inference.
     *
     * @throws BadInputException naming the file when it is missing, not ONNX, declares or rejects
     *     an input shape other than the spec's, or does not return N×K scores
     */
    public static OnnxInferenceModel load(ModelSpec spec) {
        if (ModelFiles.format(spec.path()) != ModelFiles.Format.ONNX) {
            throw new BadInputException(
                    "model file " + spec.path() + " is a TorchScript archive, not ONNX");
        }
        return new OnnxInferenceModel(spec, ModelFiles.sha256(spec.path()));
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    /** The batch size the model was exported with, or 0 when any batch is accepted. */
    public long fixedBatchSize() {
        return fixedBatch;
    }

    @Override
    public synchronized FloatTensor predict(FloatTensor pixels) {
        ModelOutputs.requireBatch(spec, pixels.shape());
        return run(pixels);
    }

    private FloatTensor run(FloatTensor pixels) {
        int n = pixels.shape()[0];
        int size = spec.inputSize();
        float[] x = pixels.data().clone();
        PixelNormalisation.applyInPlace(spec, x);
        if (fixedBatch == 0) {
            return chunk(x, n, n);
        }
        int b = Math.toIntExact(fixedBatch);
        float[] out = null;
        int k = 0;
        for (int from = 0; from < n; from += b) {
            int rows = Math.min(b, n - from);
            float[] part = Arrays.copyOfRange(x, from * size, (from + b) * size); // zero-padded
            FloatTensor scores = chunk(part, b, rows);
            if (out == null) {
                k = scores.shape()[1];
                out = new float[n * k];
            }
            System.arraycopy(scores.data(), 0, out, from * k, rows * k);
        }
        return new FloatTensor(new int[] {n, k}, out);
    }

    /** Runs one batch of {@code batch} inputs and keeps the first {@code keep} output rows. */
    private FloatTensor chunk(float[] x, int batch, int keep) {
        long[] shape = ModelOutputs.batchShape(spec, batch);
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
                OrtSession.Result r = session.run(Map.of(inputName, t))) {
            if (r.size() != 1) {
                throw new BadInputException(
                        "model " + spec.path() + " returns " + r.size() + " tensors; expected one");
            }
            OnnxValue v = r.get(0);
            if (!(v instanceof OnnxTensor out) || out.getInfo().type != OnnxJavaType.FLOAT) {
                throw new BadInputException(
                        "model "
                                + spec.path()
                                + " returns "
                                + v.getInfo()
                                + "; expected float32 scores");
            }
            long[] outShape = out.getInfo().getShape();
            ModelOutputs.requireScores(spec.path(), outShape, batch);
            int k = Math.toIntExact(outShape[1]);
            FloatBuffer fb = out.getFloatBuffer();
            float[] scores = new float[keep * k];
            fb.get(scores);
            return new FloatTensor(new int[] {keep, k}, scores);
        } catch (OrtException e) {
            throw new EngineException(e.getMessage(), e); // LoadProbe names the input shape
        }
    }

    private Map.Entry<String, TensorInfo> singleFloatInput() {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (inputs.size() != 1) {
                throw new BadInputException(
                        "model "
                                + spec.path()
                                + " takes "
                                + inputs.size()
                                + " inputs "
                                + inputs.keySet()
                                + "; expected one image tensor");
            }
            Map.Entry<String, NodeInfo> in = inputs.entrySet().iterator().next();
            if (!(in.getValue().getInfo() instanceof TensorInfo ti)
                    || ti.type != OnnxJavaType.FLOAT) {
                throw new BadInputException(
                        "model "
                                + spec.path()
                                + " input "
                                + in.getKey()
                                + " is "
                                + in.getValue().getInfo()
                                + "; expected a float32 tensor");
            }
            return Map.entry(in.getKey(), ti);
        } catch (OrtException e) {
            throw new BadInputException(
                    "model "
                            + spec.path()
                            + " has unreadable input metadata: "
                            + EngineMessages.summary(e),
                    e);
        }
    }

    /** Compares the declared input shape with the spec; returns the fixed batch size or 0. */
    private long checkDeclaredShape(long[] declared) {
        int[] in = spec.inputShape();
        boolean fits = declared.length == in.length + 1;
        for (int i = 0; fits && i < in.length; i++) {
            fits = declared[i + 1] < 0 || declared[i + 1] == in[i];
        }
        if (!fits) {
            throw new BadInputException(
                    "model "
                            + spec.path()
                            + " does not accept input shape N×"
                            + Arrays.toString(in)
                            + ": it declares "
                            + Arrays.toString(declared));
        }
        return declared[0] > 0 ? declared[0] : 0;
    }

    private void closeSession() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // nothing left to release
        }
    }

    @Override
    public void close() {
        closeSession();
    }
}
