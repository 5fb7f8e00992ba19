package dev.sensiprint.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.sensiprint.tensor.FloatTensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads an Open Inference Protocol inference request ({@code $inference_request}) for a model with
 * one FP32 input of shape N × C × H × W, streaming: the tensor's numbers go straight into a float
 * array that never grows past the batch limit, so no JSON tree of the body is built.
 *
 * <p>Accepted: {@code shape} [N, C, H, W] or [C, H, W] (one sample); {@code datatype} FP32, or FP64
 * narrowed to float; {@code data} flat or nested as the shape says (the protocol allows both); NaN
 * and ±Infinity tokens (values are the model's business). The input's name is not checked: the
 * model has exactly one input, so the one tensor sent is it. {@code parameters} are ignored;
 * requested {@code outputs} must name the model's output. Fields may come in any order.
 */
final class InferRequestReader {

    private final JsonFactory json;
    private final int[] sampleShape;
    private final int sampleSize;
    private final int maxBatch;
    private final String outputName;

    InferRequestReader(JsonFactory json, int[] sampleShape, int maxBatch, String outputName) {
        this.json = json;
        this.sampleShape = sampleShape.clone();
        this.sampleSize = Math.toIntExact(FloatTensor.elementCount(sampleShape));
        this.maxBatch = maxBatch;
        this.outputName = outputName;
        Math.multiplyExact(sampleSize, maxBatch); // the largest batch must fit one float array
    }

    /**
     * Parses and checks a request body.
     *
     * @throws HttpError 400 naming what is wrong with the request
     * @throws IOException if reading fails, including {@link BoundedInputStream.TooLarge}
     */
    InferRequest read(InputStream body) throws IOException, HttpError {
        try (JsonParser p = json.createParser(body)) {
            return readRequest(p);
        } catch (StreamConstraintsException e) {
            throw HttpError.badRequest("request exceeds a JSON limit: " + e.getOriginalMessage());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw HttpError.badRequest("malformed JSON: " + describe(e));
        }
    }

    private InferRequest readRequest(JsonParser p) throws IOException, HttpError {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw HttpError.badRequest("the request body must be a JSON object");
        }
        String id = null;
        TensorInput input = null;
        int inputCount = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "id":
                    if (t != JsonToken.VALUE_STRING) {
                        throw HttpError.badRequest("\"id\" must be a string");
                    }
                    id = p.getText();
                    break;
                case "inputs":
                    if (t != JsonToken.START_ARRAY) {
                        throw HttpError.badRequest("\"inputs\" must be an array of tensors");
                    }
                    inputCount = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        inputCount++;
                        if (p.currentToken() != JsonToken.START_OBJECT) {
                            throw HttpError.badRequest(
                                    "inputs[" + (inputCount - 1) + "] must be a JSON object");
                        }
                        if (inputCount == 1) {
                            input = readInput(p);
                        } else {
                            p.skipChildren();
                        }
                    }
                    break;
                case "outputs":
                    readRequestedOutputs(p, t);
                    break;
                case "parameters":
                    if (t != JsonToken.START_OBJECT && t != JsonToken.VALUE_NULL) {
                        throw HttpError.badRequest("\"parameters\" must be an object");
                    }
                    p.skipChildren();
                    break;
                default:
                    p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw HttpError.badRequest("unexpected content after the request object");
        }
        if (inputCount < 0) {
            throw HttpError.badRequest("the request has no \"inputs\"");
        }
        if (inputCount != 1) {
            throw HttpError.badRequest(
                    "the model takes exactly 1 input tensor, the request has " + inputCount);
        }
        return new InferRequest(id, input.toBatch());
    }

    private void readRequestedOutputs(JsonParser p, JsonToken t) throws IOException, HttpError {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_ARRAY) {
            throw HttpError.badRequest("\"outputs\" must be an array");
        }
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw HttpError.badRequest("outputs[" + i + "] must be a JSON object");
            }
            String name = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("name")) {
                    if (v != JsonToken.VALUE_STRING) {
                        throw HttpError.badRequest("outputs[" + i + "].name must be a string");
                    }
                    name = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            if (name == null) {
                throw HttpError.badRequest("outputs[" + i + "] has no \"name\"");
            }
            if (!name.equals(outputName)) {
                throw HttpError.badRequest(
                        "unknown output '"
                                + truncate(name)
                                + "': the model's only output is '"
                                + outputName
                                + "'");
            }
            i++;
        }
    }

    /** Reads one {@code $request_input}; the parser is on its START_OBJECT. */
    private TensorInput readInput(JsonParser p) throws IOException, HttpError {
        TensorInput in = new TensorInput();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "name":
                    if (t != JsonToken.VALUE_STRING) {
                        throw HttpError.badRequest("the input's \"name\" must be a string");
                    }
                    in.name = p.getText();
                    break;
                case "datatype":
                    if (t != JsonToken.VALUE_STRING) {
                        throw HttpError.badRequest("the input's \"datatype\" must be a string");
                    }
                    in.datatype = p.getText();
                    if (!in.datatype.equals("FP32") && !in.datatype.equals("FP64")) {
                        throw HttpError.badRequest(
                                "datatype "
                                        + truncate(in.datatype)
                                        + " is not accepted: the model takes FP32 (FP64 is"
                                        + " narrowed)");
                    }
                    break;
                case "shape":
                    in.shape = readShape(p, t);
                    batched(in.shape); // fail before reading data that cannot fit
                    break;
                case "data":
                    if (t != JsonToken.START_ARRAY) {
                        throw HttpError.badRequest(
                                "the input's \"data\" must be an array (the binary data"
                                        + " extension is not supported)");
                    }
                    if (in.shape == null) {
                        in.data =
                                readData(
                                        p,
                                        maxBatch * sampleSize,
                                        "the limit is "
                                                + maxBatch
                                                + " samples of "
                                                + Arrays.toString(sampleShape));
                    } else {
                        int needed = (int) FloatTensor.elementCount(in.shape);
                        in.data =
                                readData(
                                        p,
                                        needed,
                                        "shape " + Arrays.toString(in.shape) + " needs " + needed);
                    }
                    break;
                default:
                    p.skipChildren();
            }
        }
        return in;
    }

    private int[] readShape(JsonParser p, JsonToken t) throws IOException, HttpError {
        if (t != JsonToken.START_ARRAY) {
            throw HttpError.badRequest("the input's \"shape\" must be an array of integers");
        }
        int[] dims = new int[sampleShape.length + 1];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw HttpError.badRequest("the input's \"shape\" must hold integers only");
            }
            if (n == dims.length) {
                throw HttpError.badRequest(
                        "shape has more than "
                                + dims.length
                                + " dimensions; the model takes "
                                + describeInput());
            }
            JsonParser.NumberType type = p.getNumberType();
            long d = type == JsonParser.NumberType.BIG_INTEGER ? -1 : p.getLongValue();
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw HttpError.badRequest(
                        "shape dimension " + truncate(p.getText()) + " is out of range");
            }
            dims[n++] = (int) d;
        }
        return Arrays.copyOf(dims, n);
    }

    /** Reads a flat or nested array of numbers; the parser is on the outer START_ARRAY. */
    private Values readData(JsonParser p, int maxValues, String why) throws IOException, HttpError {
        int maxDepth = sampleShape.length + 1;
        Values v = new Values(maxDepth);
        int depth = 1;
        int[] counts = new int[maxDepth + 2];
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                counts[depth]++;
                depth++;
                if (depth > maxDepth) {
                    throw HttpError.badRequest(
                            "\"data\" is nested deeper than the "
                                    + maxDepth
                                    + " dimensions of the input");
                }
                counts[depth] = 0;
            } else if (t == JsonToken.END_ARRAY) {
                v.closeArray(depth, counts[depth]);
                depth--;
            } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                counts[depth]++;
                if (v.count == maxValues) {
                    throw HttpError.badRequest(
                            "\"data\" holds more than " + maxValues + " values: " + why);
                }
                v.add(p, depth);
            } else {
                throw HttpError.badRequest(
                        "\"data\" element "
                                + v.count
                                + " is "
                                + describeToken(t)
                                + ", not a number");
            }
        }
        return v;
    }

    /** The shape with its batch dimension, checked against the model and the batch limit. */
    private int[] batched(int[] shape) throws HttpError {
        int[] batched;
        if (shape.length == sampleShape.length + 1
                && Arrays.equals(shape, 1, shape.length, sampleShape, 0, sampleShape.length)) {
            batched = shape;
        } else if (Arrays.equals(shape, sampleShape)) {
            batched = new int[sampleShape.length + 1];
            batched[0] = 1;
            System.arraycopy(sampleShape, 0, batched, 1, sampleShape.length);
        } else {
            throw HttpError.badRequest(
                    "shape "
                            + Arrays.toString(shape)
                            + " does not fit the model's input "
                            + describeInput());
        }
        if (batched[0] < 1) {
            throw HttpError.badRequest("the batch is empty: shape " + Arrays.toString(shape));
        }
        if (batched[0] > maxBatch) {
            throw HttpError.badRequest(
                    "a batch of " + batched[0] + " exceeds the limit of " + maxBatch + " samples");
        }
        return batched;
    }

    private String describeInput() {
        int[] batched = new int[sampleShape.length + 1];
        batched[0] = -1;
        System.arraycopy(sampleShape, 0, batched, 1, sampleShape.length);
        return Arrays.toString(batched);
    }

    private static String describeToken(JsonToken t) {
        switch (t) {
            case VALUE_STRING:
                return "a string";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            case START_OBJECT:
                return "an object";
            default:
                return t.asString() == null ? t.name() : t.asString();
        }
    }

    private static String describe(com.fasterxml.jackson.core.JacksonException e) {
        String msg = e.getOriginalMessage();
        int nl = msg == null ? -1 : msg.indexOf('\n');
        String line =
                msg == null ? e.getClass().getSimpleName() : nl < 0 ? msg : msg.substring(0, nl);
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            line +=
                    " (line "
                            + e.getLocation().getLineNr()
                            + ", column "
                            + e.getLocation().getColumnNr()
                            + ")";
        }
        return truncate(line);
    }

    static String truncate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /** An input tensor as read, checked against the model once complete. */
    private final class TensorInput {
        String name;
        String datatype;
        int[] shape;
        Values data;

        FloatTensor toBatch() throws HttpError {
            if (name == null) {
                throw HttpError.badRequest("the input has no \"name\"");
            }
            if (datatype == null) {
                throw HttpError.badRequest("the input has no \"datatype\"");
            }
            if (shape == null) {
                throw HttpError.badRequest("the input has no \"shape\"");
            }
            if (data == null) {
                throw HttpError.badRequest("the input has no \"data\"");
            }
            int[] batched = batched(shape);
            int n = batched[0];
            long expected = (long) n * sampleSize;
            if (data.count != expected) {
                throw HttpError.badRequest(
                        "\"data\" holds "
                                + data.count
                                + " values, shape "
                                + Arrays.toString(shape)
                                + " needs "
                                + expected);
            }
            data.checkNesting(shape);
            return new FloatTensor(batched, data.floats());
        }
    }

    /**
     * The numbers of {@code data}, with what their nesting looked like. Each number is read as the
     * double its text denotes, then narrowed to float, for FP32 as for FP64: what Triton and the
     * Python servers (json + numpy) do, so the same request means the same floats everywhere. A
     * float written as its widened double's shortest decimal reads back exactly; one written as the
     * float's own shortest decimal may not ({@code 7.038531E-26}, Java's {@code Float.toString} of
     * 0x15ae43fd, narrows to 0x15ae43fe).
     */
    private static final class Values {
        float[] values = new float[0];
        int count;
        int leafDepth = -1;
        final int[] lengths;
        boolean ragged;

        Values(int maxDepth) {
            lengths = new int[maxDepth + 2];
            Arrays.fill(lengths, -1);
        }

        void add(JsonParser p, int depth) throws IOException, HttpError {
            if (leafDepth < 0) {
                leafDepth = depth;
            } else if (leafDepth != depth) {
                throw HttpError.badRequest(
                        "\"data\" mixes numbers and arrays: nested lists must be regular");
            }
            if (count == values.length) {
                values = Arrays.copyOf(values, Math.max(1024, count * 2));
            }
            values[count++] = (float) p.getDoubleValue();
        }

        void closeArray(int depth, int length) {
            if (lengths[depth] < 0) {
                lengths[depth] = length;
            } else if (lengths[depth] != length) {
                ragged = true;
            }
        }

        void checkNesting(int[] shape) throws HttpError {
            if (leafDepth <= 1) {
                return; // flat: the count check is enough
            }
            if (ragged) {
                throw HttpError.badRequest("\"data\" is a ragged nested list");
            }
            int[] dims = Arrays.copyOfRange(lengths, 1, leafDepth + 1);
            if (!Arrays.equals(dims, shape)) {
                throw HttpError.badRequest(
                        "nested \"data\" has dimensions "
                                + Arrays.toString(dims)
                                + ", shape says "
                                + Arrays.toString(shape));
            }
        }

        float[] floats() {
            return values.length == count ? values : Arrays.copyOf(values, count);
        }
    }
}
