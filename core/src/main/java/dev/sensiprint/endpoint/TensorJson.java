package dev.sensiprint.endpoint;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.error.EndpointException;
import dev.sensiprint.tensor.FloatTensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Tensors to and from JSON arrays. */
final class TensorJson {

    /** Deepest nesting read back; outputs are vectors, a batch of one is two levels. */
    private static final int MAX_DEPTH = 8;

    private TensorJson() {}

    /** Writes a JSON document. */
    static byte[] write(JsonWriter body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonClient.MAPPER.getFactory().createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    interface JsonWriter {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * Refuses inputs a server could not receive exactly: JSON has no NaN or infinity.
     *
     * @throws BadInputException naming the first bad position
     */
    static void requireFinite(FloatTensor t) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw new BadInputException(
                        "input value " + d[i] + " at index " + i + " is not finite");
            }
        }
    }

    /**
     * Writes the values as a flat array. Each float is written as the decimal of its exact double
     * value: a server that parses to float64 and casts to float32 (numpy does) gets the very same
     * float32, which the shortest float decimal does not guarantee after double rounding.
     */
    static void writeFlat(JsonGenerator g, float[] data) throws IOException {
        g.writeStartArray();
        for (float f : data) {
            g.writeNumber((double) f);
        }
        g.writeEndArray();
    }

    /** Writes the values as nested arrays of the given shape, row-major. */
    static void writeNested(JsonGenerator g, int[] shape, float[] data) throws IOException {
        writeNested(g, shape, 0, data, 0);
    }

    private static int writeNested(JsonGenerator g, int[] shape, int dim, float[] data, int at)
            throws IOException {
        g.writeStartArray();
        if (dim == shape.length - 1) {
            for (int i = 0; i < shape[dim]; i++) {
                g.writeNumber((double) data[at++]);
            }
        } else {
            for (int i = 0; i < shape[dim]; i++) {
                at = writeNested(g, shape, dim + 1, data, at);
            }
        }
        g.writeEndArray();
        return at;
    }

    /**
     * Reads a (possibly nested) rectangular array of numbers, narrowing each to float32. NaN and
     * infinities are kept: judging them is the comparator's job.
     *
     * @param what names the array in messages, e.g. "output 'probs'"
     * @param fail makes the exception for a malformed array
     */
    static FloatTensor read(JsonNode node, String what, Function<String, EndpointException> fail) {
        if (node == null || !node.isArray()) {
            throw fail.apply(what + " is " + kind(node) + ", not an array of numbers");
        }
        List<Integer> shape = new ArrayList<>();
        JsonNode n = node;
        while (n.isArray()) {
            if (shape.size() == MAX_DEPTH) {
                throw fail.apply(what + " is nested more than " + MAX_DEPTH + " levels deep");
            }
            shape.add(n.size());
            if (n.size() == 0) {
                break;
            }
            n = n.get(0);
        }
        int[] s = shape.stream().mapToInt(Integer::intValue).toArray();
        long count = FloatTensor.elementCount(s);
        float[] data = new float[(int) count];
        int filled = fill(node, s, 0, data, 0, what, fail);
        if (filled != count) {
            throw fail.apply(what + " is not rectangular");
        }
        return new FloatTensor(s, data);
    }

    private static int fill(
            JsonNode node,
            int[] shape,
            int dim,
            float[] data,
            int at,
            String what,
            Function<String, EndpointException> fail) {
        if (!node.isArray() || node.size() != shape[dim]) {
            throw fail.apply(
                    what
                            + " is not rectangular: expected "
                            + shape[dim]
                            + " entries at depth "
                            + dim
                            + ", found "
                            + (node.isArray() ? node.size() + "" : kind(node))
                            + " (shape "
                            + Arrays.toString(shape)
                            + ")");
        }
        for (JsonNode e : node) {
            if (dim == shape.length - 1) {
                if (!e.isNumber()) {
                    throw fail.apply(what + " holds " + kind(e) + " where a number belongs");
                }
                data[at++] = (float) e.doubleValue();
            } else {
                at = fill(e, shape, dim + 1, data, at, what, fail);
            }
        }
        return at;
    }

    /** A short name for a JSON value's type, for messages. */
    static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "missing";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isObject()) {
            return "an object";
        }
        return n.isArray() ? "an array" : n.getNodeType().toString().toLowerCase();
    }

    /**
     * The output vector of a batch of one: accepts shape [K] or [1, K].
     *
     * @throws EndpointException for any other shape
     */
    static FloatTensor vectorOf(
            FloatTensor t, String what, Function<String, EndpointException> fail) {
        int[] s = t.shape();
        if (s.length == 1 && s[0] > 0) {
            return t;
        }
        if (s.length == 2 && s[0] == 1 && s[1] > 0) {
            return t.reshape(s[1]);
        }
        throw fail.apply(
                what
                        + " has shape "
                        + Arrays.toString(s)
                        + "; expected [K] or [1, K] for one input");
    }
}
