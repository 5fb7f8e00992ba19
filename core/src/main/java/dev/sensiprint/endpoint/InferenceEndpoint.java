package dev.sensiprint.endpoint;

import dev.sensiprint.error.EndpointException;
import dev.sensiprint.tensor.FloatTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A served classifier that can be queried: one input in, its output vector out.
 *
 * <p>Implementations speak one protocol each (Open Inference Protocol, TensorFlow Serving,
 * TorchServe, an in-process model). Every failure to obtain a usable answer (unreachable server,
 * HTTP error, malformed or oversized body, wrong datatype) is an {@link EndpointException} with a
 * one-line reason; an answer that parses is returned as is, even if it holds NaN or has the wrong
 * length, because judging it is the comparator's job.
 */
public interface InferenceEndpoint extends AutoCloseable {

    /**
     * Queries the model with one input.
     *
     * @param input one input without the batch dimension, in the layout of the fingerprint
     *     (channels first for images), with the values the served model expects
     * @return the output vector, rank 1
     * @throws EndpointException when no usable answer could be obtained
     */
    FloatTensor infer(FloatTensor input);

    /**
     * Queries the model with several inputs. The default sends them one by one; an implementation
     * may batch them.
     */
    default List<FloatTensor> inferAll(List<FloatTensor> inputs) {
        List<FloatTensor> out = new ArrayList<>(inputs.size());
        for (FloatTensor input : inputs) {
            out.add(infer(input));
        }
        return out;
    }

    /**
     * Asks the server whether the model is ready to answer, where the protocol has a way to ask.
     *
     * @throws EndpointException when the server is unreachable or says the model is not ready
     */
    default void checkReady() {}

    /** What this endpoint talks to, for reports: protocol, URL without credentials, model. */
    String describe();

    /** Releases what the endpoint holds; HTTP endpoints hold nothing that needs closing. */
    @Override
    default void close() {}
}
