package dev.sensiprint.model;

import dev.sensiprint.fingerprint.ModelInfo;
import dev.sensiprint.tensor.FloatTensor;

/**
 * A model loaded for inference only (TorchScript or ONNX): pixels in, outputs out, no gradients.
 * The local endpoint, calibration and evaluation run through this.
 */
public interface InferenceModel extends AutoCloseable {

    ModelInfo info();

    /**
     * Outputs for a batch of pixel inputs.
     *
     * @param pixels shape N × inputShape, values in the declared range, preprocessing not applied
     * @return shape N × numClasses
     */
    FloatTensor predict(FloatTensor pixels);

    @Override
    void close();
}
