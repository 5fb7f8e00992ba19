package dev.sensiprint.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sensiprint.tensor.FloatTensor;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * TensorFlow Serving REST predict API.
 *
 * <p>Request: {@code POST {base}/v1/models/{name}[/versions/{v}]:predict} with {@code {"instances":
 * [x]}}, x the input as nested lists in the wire layout (TF image models usually want {@link
 * Layout#NHWC}), plus {@code signature_name} when given. Answer: {@code {"predictions": [y]}}, y a
 * list of K numbers (or [[K]]), or an object of named outputs of which the spec's output name (or
 * the only one) is taken; the columnar {@code {"outputs": ...}} form is read the same way.
 *
 * <p>Protocol: tensorflow.org/tfx/serving/api_rest.
 */
public final class TfServingEndpoint implements InferenceEndpoint {

    private final EndpointSpec spec;
    private final JsonClient json;

    public TfServingEndpoint(EndpointSpec spec, HttpTransport transport) {
        if (spec.protocol() != Protocol.TFSERVING) {
            throw new IllegalArgumentException("not a TF Serving spec: " + spec);
        }
        this.spec = spec;
        this.json = new JsonClient(transport);
    }

    @Override
    public FloatTensor infer(FloatTensor input) {
        TensorJson.requireFinite(input);
        FloatTensor wire = spec.layout().arrange(input);
        byte[] body =
                TensorJson.write(
                        g -> {
                            g.writeStartObject();
                            if (spec.signatureName() != null) {
                                g.writeStringField("signature_name", spec.signatureName());
                            }
                            g.writeArrayFieldStart("instances");
                            TensorJson.writeNested(g, wire.shape(), wire.data());
                            g.writeEndArray();
                            g.writeEndObject();
                        });
        JsonNode answer = json.post(modelUri(":predict"), body);
        return output(answer);
    }

    private FloatTensor output(JsonNode answer) {
        String where = "answer of " + spec;
        if (answer.hasNonNull("predictions")) {
            JsonNode p = answer.get("predictions");
            if (!p.isArray() || p.size() != 1) {
                throw json.fail(
                        where
                                + ": predictions should hold one entry for one instance, holds "
                                + (p.isArray() ? p.size() + " entries" : TensorJson.kind(p)));
            }
            return vector(p.get(0), where);
        }
        if (answer.hasNonNull("outputs")) {
            return vector(answer.get("outputs"), where);
        }
        String err =
                answer.hasNonNull("error")
                        ? " (server error: "
                                + JsonClient.printable(answer.get("error").asText(), 160)
                                + ")"
                        : "";
        throw json.fail(where + " has neither predictions nor outputs" + err);
    }

    private FloatTensor vector(JsonNode y, String where) {
        String what = where + ": prediction";
        if (y.isObject()) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = y.fieldNames(); it.hasNext(); ) {
                keys.add(JsonClient.printable(it.next(), 60));
            }
            String key;
            if (spec.outputName() != null) {
                if (!y.has(spec.outputName())) {
                    throw json.fail(
                            where
                                    + " has no output '"
                                    + spec.outputName()
                                    + "' (outputs: "
                                    + String.join(", ", keys)
                                    + ")");
                }
                key = spec.outputName();
            } else if (keys.size() == 1) {
                key = y.fieldNames().next();
            } else {
                throw json.fail(
                        where
                                + " has "
                                + keys.size()
                                + " outputs ("
                                + String.join(", ", keys)
                                + "); name the one to compare");
            }
            what = where + ": output '" + JsonClient.printable(key, 60) + "'";
            y = y.get(key);
        }
        return TensorJson.vectorOf(TensorJson.read(y, what, json::fail), what, json::fail);
    }

    /** Model status: ready when some version is AVAILABLE. */
    @Override
    public void checkReady() {
        JsonNode n = json.get(modelUri(""));
        for (JsonNode v : n.path("model_version_status")) {
            if ("AVAILABLE".equals(v.path("state").asText())) {
                return;
            }
        }
        throw json.fail(spec + ": no model version is AVAILABLE");
    }

    private URI modelUri(String suffix) {
        String path =
                "/v1/models/"
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
        return "TfServingEndpoint[" + spec + "]";
    }
}
