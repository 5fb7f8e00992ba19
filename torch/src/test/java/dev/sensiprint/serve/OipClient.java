package dev.sensiprint.serve;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** A small test client over the JDK's HttpClient, plus a raw-socket escape hatch. */
final class OipClient {

    static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    record Reply(
            int status,
            String body,
            HttpClient.Version version,
            java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The floats of the first output, each read as a double and narrowed. */
        float[] outputData() {
            JsonNode data = json().get("outputs").get(0).get("data");
            float[] out = new float[data.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) data.get(i).doubleValue();
            }
            return out;
        }
    }

    private final URI base;
    private final HttpClient client;

    OipClient(URI base) {
        this(base, HttpClient.Version.HTTP_1_1);
    }

    OipClient(URI base, HttpClient.Version version) {
        this.base = base;
        this.client =
                HttpClient.newBuilder()
                        .version(version)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Reply post(String path, String body) throws IOException, InterruptedException {
        return post(path, body, "application/json");
    }

    Reply post(String path, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base.resolve(path))
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r =
                client.send(
                        request.timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(r.statusCode(), r.body(), r.version(), r.headers());
    }

    /** An OIP request with one FP32 tensor; data written as each float's widened double. */
    static String inferBody(String id, int[] shape, float[] data) {
        StringBuilder b = new StringBuilder("{");
        if (id != null) {
            b.append("\"id\":\"").append(id).append("\",");
        }
        b.append("\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ",").append(shape[i]);
        }
        b.append("],\"data\":[");
        for (int i = 0; i < data.length; i++) {
            b.append(i == 0 ? "" : ",").append(jsonNumber(data[i]));
        }
        return b.append("]}]}").toString();
    }

    static String jsonNumber(float f) {
        if (Float.isNaN(f)) {
            return "NaN";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "Infinity" : "-Infinity";
        }
        return Double.toString(f).toLowerCase(Locale.ROOT);
    }

    /**
     * Sends raw bytes on a fresh connection and returns the status line of the answer, reading at
     * most what the server sends.
     */
    static String rawStatusLine(URI base, byte[] head, byte[] bodyPart) throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(head);
            out.write(bodyPart);
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            return line.toString().trim();
        }
    }
}
