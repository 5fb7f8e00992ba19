package dev.sensiprint.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sensiprint.error.EndpointException;
import dev.sensiprint.tensor.FloatTensor;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Open Inference Protocol (KServe v2) over REST.
 *
 * <p>Request: {@code POST {base}/v2/models/{name}[/versions/{v}]/infer} with one FP32 input of
 * shape [1, ...input] whose data is the flat row-major array. Answer: the output named by the spec,
 * or the only one; its datatype must be FP32 or FP64 (narrowed to float32) and its shape [K] or [1,
 * K]. When no input name is given it is read once from the model metadata, which also tells whether
 * the model takes a batch dimension and checks the input's shape and datatype.
 *
 * <p>Protocol: kserve/open-inference-protocol, specification/protocol/inference_rest.md.
 */
public final class OipEndpoint implements InferenceEndpoint {

    private final EndpointSpec spec;
    private final JsonClient json;
    private volatile Binding binding;

    /** The input name and the shape to declare for an input of a given wire shape. */
    private record Binding(String name, int[] wireShape, long[] declaredShape) {}

    public OipEndpoint(EndpointSpec spec, HttpTransport transport) {
        if (spec.protocol() != Protocol.OIP) {
            throw new IllegalArgumentException("not an OIP spec: " + spec);
        }
        this.spec = spec;
        this.json = new JsonClient(transport);
    }

    @Override
    public FloatTensor infer(FloatTensor input) {
        TensorJson.requireFinite(input);
        FloatTensor wire = spec.layout().arrange(input);
        Binding b = bind(wire.shape());
        byte[] body =
                TensorJson.write(
                        g -> {
                            g.writeStartObject();
                            g.writeArrayFieldStart("inputs");
                            g.writeStartObject();
                            g.writeStringField("name", b.name());
                            g.writeFieldName("shape");
                            g.writeArray(b.declaredShape(), 0, b.declaredShape().length);
                            g.writeStringField("datatype", "FP32");
                            g.writeFieldName("data");
                            TensorJson.writeFlat(g, wire.data());
                            g.writeEndObject();
                            g.writeEndArray();
                            if (spec.outputName() != null) {
                                g.writeArrayFieldStart("outputs");
                                g.writeStartObject();
                                g.writeStringField("name", spec.outputName());
                                g.writeEndObject();
                                g.writeEndArray();
                            }
                            g.writeEndObject();
                        });
        JsonNode answer = json.post(modelUri("/infer"), body);
        return output(answer);
    }

    private FloatTensor output(JsonNode answer) {
        String where = "answer of " + spec;
        JsonNode outputs = answer.get("outputs");
        if (outputs == null || !outputs.isArray() || outputs.isEmpty()) {
            String err =
                    answer.hasNonNull("error")
                            ? " (server error: "
                                    + JsonClient.printable(answer.get("error").asText(), 160)
                                    + ")"
                            : "";
            throw json.fail(where + " has no outputs" + err);
        }
        JsonNode out = choose(outputs, where);
        String name = out.path("name").asText("?");
        String what = "output '" + JsonClient.printable(name, 60) + "'";
        String datatype = out.path("datatype").asText("");
        if (!datatype.equals("FP32") && !datatype.equals("FP64")) {
            throw json.fail(
                    where
                            + ": "
                            + what
                            + " has datatype '"
                            + JsonClient.printable(datatype, 20)
                            + "'; only FP32 and FP64 can be compared");
        }
        if (out.path("parameters").has("binary_data_size")) {
            throw json.fail(
                    where
                            + ": "
                            + what
                            + " uses the binary data extension, which is not supported");
        }
        int[] shape = shapeOf(out.get("shape"), where + ": " + what);
        FloatTensor data =
                TensorJson.read(out.get("data"), where + ": " + what + " data", json::fail);
        long declared = FloatTensor.elementCount(shape);
        if (data.size() != declared) {
            throw json.fail(
                    where
                            + ": "
                            + what
                            + " declares shape "
                            + Arrays.toString(shape)
                            + " ("
                            + declared
                            + " values) but holds "
                            + data.size());
        }
        return TensorJson.vectorOf(data.reshape(shape), where + ": " + what, json::fail);
    }

    private JsonNode choose(JsonNode outputs, String where) {
        List<String> names = new ArrayList<>();
        for (JsonNode o : outputs) {
            names.add(JsonClient.printable(o.path("name").asText("?"), 60));
        }
        if (spec.outputName() == null) {
            if (outputs.size() == 1) {
                return outputs.get(0);
            }
            throw json.fail(
                    where
                            + " has "
                            + outputs.size()
                            + " outputs ("
                            + String.join(", ", names)
                            + "); name the one to compare");
        }
        JsonNode found = null;
        for (JsonNode o : outputs) {
            if (spec.outputName().equals(o.path("name").asText(null))) {
                if (found != null) {
                    throw json.fail(where + " has two outputs named '" + spec.outputName() + "'");
                }
                found = o;
            }
        }
        if (found == null) {
            throw json.fail(
                    where
                            + " has no output named '"
                            + spec.outputName()
                            + "' (outputs: "
                            + String.join(", ", names)
                            + ")");
        }
        return found;
    }

    private int[] shapeOf(JsonNode node, String what) {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > 8) {
            throw json.fail(what + " has no valid shape");
        }
        int[] s = new int[node.size()];
        for (int i = 0; i < s.length; i++) {
            JsonNode d = node.get(i);
            if (!d.canConvertToInt() || !d.isIntegralNumber() || d.intValue() < 0) {
                throw json.fail(
                        what
                                + " has an invalid shape dimension: "
                                + JsonClient.printable(d.toString(), 20));
            }
            s[i] = d.intValue();
        }
        return s;
    }

    private Binding bind(int[] wireShape) {
        Binding b = binding;
        if (b != null && Arrays.equals(b.wireShape(), wireShape)) {
            return b;
        }
        synchronized (this) {
            b = binding;
            if (b == null || !Arrays.equals(b.wireShape(), wireShape)) {
                b =
                        spec.inputName() != null
                                ? batched(spec.inputName(), wireShape)
                                : fromMetadata(wireShape);
                binding = b;
            }
            return b;
        }
    }

    private static Binding batched(String name, int[] wireShape) {
        long[] declared = new long[wireShape.length + 1];
        declared[0] = 1;
        for (int i = 0; i < wireShape.length; i++) {
            declared[i + 1] = wireShape[i];
        }
        return new Binding(name, wireShape.clone(), declared);
    }

    private Binding fromMetadata(int[] wireShape) {
        OipModelMetadata meta;
        try {
            meta = metadata();
        } catch (EndpointException e) {
            throw json.fail(
                    "cannot read the model metadata to find the input name ("
                            + e.getMessage()
                            + "); give the input name",
                    e);
        }
        if (meta.inputs().size() != 1) {
            throw json.fail(
                    "model "
                            + spec.model()
                            + " has "
                            + meta.inputs().size()
                            + " inputs ("
                            + meta.inputs().stream()
                                    .map(OipModelMetadata.TensorInfo::name)
                                    .collect(Collectors.joining(", "))
                            + "); give the input name");
        }
        OipModelMetadata.TensorInfo in = meta.inputs().get(0);
        if (!in.datatype().isEmpty() && !in.datatype().equals("FP32")) {
            throw json.fail(
                    "model input '"
                            + in.name()
                            + "' takes "
                            + in.datatype()
                            + "; fingerprint samples are sent as FP32");
        }
        List<Long> dims = in.shape();
        int offset;
        if (dims.size() == wireShape.length + 1) {
            offset = 1;
        } else if (dims.size() == wireShape.length) {
            offset = 0;
        } else {
            throw json.fail(shapeMismatch(in, wireShape));
        }
        if (offset == 1 && dims.get(0) != -1 && dims.get(0) != 1) {
            throw json.fail(shapeMismatch(in, wireShape));
        }
        for (int i = 0; i < wireShape.length; i++) {
            long d = dims.get(i + offset);
            if (d != -1 && d != wireShape[i]) {
                throw json.fail(shapeMismatch(in, wireShape));
            }
        }
        if (offset == 1) {
            return batched(in.name(), wireShape);
        }
        long[] declared = Arrays.stream(wireShape).asLongStream().toArray();
        return new Binding(in.name(), wireShape.clone(), declared);
    }

    private String shapeMismatch(OipModelMetadata.TensorInfo in, int[] wireShape) {
        String hint =
                wireShape.length == 3
                        ? " (layout " + spec.layout().id() + "; the other layout may fit)"
                        : "";
        return "model input '"
                + in.name()
                + "' has shape "
                + in.shape()
                + ", the fingerprint sends "
                + Arrays.toString(wireShape)
                + hint;
    }

    /** Reads the model metadata ({@code GET v2/models/NAME[/versions/V]}). */
    public OipModelMetadata metadata() {
        JsonNode n = json.get(modelUri(""));
        return new OipModelMetadata(
                n.path("name").asText(""),
                texts(n.path("versions")),
                n.path("platform").asText(""),
                tensors(n.path("inputs")),
                tensors(n.path("outputs")));
    }

    private static List<String> texts(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(v -> out.add(v.asText()));
        return out;
    }

    private List<OipModelMetadata.TensorInfo> tensors(JsonNode arr) {
        List<OipModelMetadata.TensorInfo> out = new ArrayList<>();
        for (JsonNode t : arr) {
            List<Long> shape = new ArrayList<>();
            for (JsonNode d : t.path("shape")) {
                if (!d.isIntegralNumber()) {
                    throw json.fail("model metadata has a non-integer shape dimension");
                }
                shape.add(d.longValue());
            }
            out.add(
                    new OipModelMetadata.TensorInfo(
                            JsonClient.printable(t.path("name").asText(""), 128),
                            JsonClient.printable(t.path("datatype").asText(""), 16),
                            shape));
        }
        return out;
    }

    /** {@code GET v2/health/live}: true when the server says it is live. */
    public boolean serverLive() {
        return healthy(Urls.resolve(spec.base(), "/v2/health/live"), "live");
    }

    /** {@code GET v2/health/ready}: true when the server says all its models are ready. */
    public boolean serverReady() {
        return healthy(Urls.resolve(spec.base(), "/v2/health/ready"), "ready");
    }

    /** {@code GET v2/models/NAME[/versions/V]/ready}. */
    public boolean modelReady() {
        return healthy(modelUri("/ready"), "ready");
    }

    /**
     * Status 200 means yes, unless the body says {@code "ready": false} or {@code "live": false}.
     */
    private boolean healthy(URI uri, String field) {
        HttpResult.Reply r = json.getReply(uri);
        if (r.status() != 200) {
            return false;
        }
        try {
            JsonNode n = JsonClient.MAPPER.readTree(r.body());
            return n == null || !n.has(field) || n.get(field).asBoolean(false);
        } catch (java.io.IOException e) {
            return true; // An empty or non-JSON 200 is how several servers say yes.
        }
    }

    @Override
    public void checkReady() {
        if (!serverLive()) {
            throw json.fail(spec + ": server is not live");
        }
        if (!modelReady()) {
            throw json.fail(spec + ": model is not ready");
        }
    }

    private URI modelUri(String suffix) {
        String path =
                "/v2/models/"
                        + spec.model()
                        + (spec.version() == null ? "" : "/versions/" + spec.version())
                        + suffix;
        return Urls.resolve(spec.base(), path);
    }

    @Override
    public String describe() {
        return spec.toString();
    }

    @Override
    public String toString() {
        return "OipEndpoint[" + spec + "]";
    }
}
