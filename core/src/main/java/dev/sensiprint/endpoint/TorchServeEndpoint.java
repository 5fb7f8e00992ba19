package dev.sensiprint.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sensiprint.tensor.FloatTensor;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TorchServe inference API: {@code POST {base}/predictions/{name}[/{version}]}, usually with {@code
 * Authorization: Bearer <key>} (TorchServe enforces token authorization by default).
 *
 * <p>TorchServe hands the body to the model's handler, so its format is the handler's choice. This
 * client sends JSON and reads JSON:
 *
 * <ul>
 *   <li>request, {@link Body#DATA_FIELD}: {@code {"data": x}}; {@link Body#BARE}: {@code x}; x is
 *       the input as nested lists in the wire layout, without a batch dimension;
 *   <li>answer: a list of K numbers (or [[K]]), or an object mapping every class to its score,
 *       keyed by class index ("0".."K-1") or by the spec's class names.
 * </ul>
 *
 * Not supported: image bytes (the stock image_classifier handler wants a JPEG/PNG body) and answers
 * that hold only the top few classes (the stock handler's top-5 dictionary): both need a label-only
 * comparison path that takes rankings instead of vectors.
 */
public final class TorchServeEndpoint implements InferenceEndpoint {

    /** Request body formats. */
    public enum Body {
        /** {@code {"data": [...]}}: what most custom handlers read as {@code row["data"]}. */
        DATA_FIELD,
        /** The nested list alone. */
        BARE
    }

    private final EndpointSpec spec;
    private final JsonClient json;

    public TorchServeEndpoint(EndpointSpec spec, HttpTransport transport) {
        if (spec.protocol() != Protocol.TORCHSERVE) {
            throw new IllegalArgumentException("not a TorchServe spec: " + spec);
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
                            if (spec.torchServeBody() == Body.DATA_FIELD) {
                                g.writeStartObject();
                                g.writeFieldName("data");
                            }
                            TensorJson.writeNested(g, wire.shape(), wire.data());
                            if (spec.torchServeBody() == Body.DATA_FIELD) {
                                g.writeEndObject();
                            }
                        });
        String path =
                "/predictions/"
                        + spec.model()
                        + (spec.version() == null ? "" : "/" + spec.version());
        JsonNode answer = json.post(Urls.resolve(spec.base(), path), body);
        return output(answer);
    }

    private FloatTensor output(JsonNode answer) {
        String what = "answer of " + spec;
        if (answer.isArray()) {
            return TensorJson.vectorOf(TensorJson.read(answer, what, json::fail), what, json::fail);
        }
        if (!answer.isObject()) {
            throw json.fail(what + " is " + TensorJson.kind(answer) + ", not a list or an object");
        }
        return fromScores(answer, what);
    }

    /**
     * An object of class → score; every class must be present exactly once. Keys are class indices
     * unless class names were given. Without names the class count is unknown, so indices must run
     * 0..n-1 without a gap; a short vector is then judged by the comparator (not comparable).
     */
    private FloatTensor fromScores(JsonNode answer, String what) {
        List<String> names = spec.classNames();
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.put(names.get(i), i);
        }
        Map<Integer, Float> scores = new HashMap<>();
        int maxIndex = -1;
        for (Map.Entry<String, JsonNode> e : answer.properties()) {
            String key = JsonClient.printable(e.getKey(), 60);
            Integer idx = names.isEmpty() ? index(e.getKey()) : byName.get(e.getKey());
            if (idx == null) {
                throw json.fail(
                        what
                                + " has class key '"
                                + key
                                + (names.isEmpty()
                                        ? "' that is not a class index (give the class names)"
                                        : "' that is not among the class names"));
            }
            if (!e.getValue().isNumber()) {
                throw json.fail(
                        what
                                + ": score of class '"
                                + key
                                + "' is "
                                + TensorJson.kind(e.getValue()));
            }
            if (scores.put(idx, (float) e.getValue().doubleValue()) != null) {
                throw json.fail(what + " scores class " + idx + " twice");
            }
            maxIndex = Math.max(maxIndex, idx);
        }
        int k = names.isEmpty() ? maxIndex + 1 : names.size();
        if (scores.size() != k || k < 2) {
            throw json.fail(
                    what
                            + " scores "
                            + scores.size()
                            + " classes; a full vector of "
                            + (names.isEmpty() ? "every class" : k + " classes")
                            + " is needed (configure the handler to return every class)");
        }
        float[] v = new float[k];
        scores.forEach((i, score) -> v[i] = score);
        return FloatTensor.vector(v);
    }

    private static Integer index(String key) {
        return key.matches("\\d{1,9}") ? Integer.valueOf(key) : null;
    }

    /** {@code GET {base}/ping}: {"status": "Healthy"}. */
    @Override
    public void checkReady() {
        URI ping = Urls.resolve(spec.base(), "/ping");
        JsonNode n = json.get(ping);
        String status = n.path("status").asText("");
        if (!status.equalsIgnoreCase("Healthy")) {
            throw json.fail(
                    spec
                            + ": server status is '"
                            + JsonClient.printable(status, 40)
                            + "', not Healthy");
        }
    }

    @Override
    public String describe() {
        return spec.toString();
    }

    @Override
    public String toString() {
        return "TorchServeEndpoint[" + spec + "]";
    }
}
