package dev.sensiprint.endpoint;

import java.util.List;

/**
 * What an Open Inference Protocol server says about a model ({@code GET v2/models/NAME}).
 *
 * @param name model name
 * @param versions versions that may be requested (may be empty)
 * @param platform framework/backend, or empty
 * @param inputs input tensors
 * @param outputs output tensors
 */
public record OipModelMetadata(
        String name,
        List<String> versions,
        String platform,
        List<TensorInfo> inputs,
        List<TensorInfo> outputs) {

    public OipModelMetadata {
        versions = List.copyOf(versions);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * One tensor's metadata.
     *
     * @param name tensor name
     * @param datatype e.g. FP32
     * @param shape dimensions, -1 where variable
     */
    public record TensorInfo(String name, String datatype, List<Long> shape) {
        public TensorInfo {
            shape = List.copyOf(shape);
        }
    }
}
