package dev.sensiprint.endpoint;

import static dev.sensiprint.testing.FaultServer.json;
import static dev.sensiprint.testing.FaultServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.testing.FakeModel;
import dev.sensiprint.testing.FaultServer;
import dev.sensiprint.testing.TestFingerprints;
import dev.sensiprint.verify.Verdict;
import dev.sensiprint.verify.VerificationResult;
import dev.sensiprint.verify.Verifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The clients and the verifier against a real local HTTP server that misbehaves on purpose. Every
 * fault must end INCONCLUSIVE (or TAMPERED where the answer is well-formed and differs), never
 * INTACT and never with an exception other than the verdict.
 */
class ServerFaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "s3cret-token-value";

    private final FakeModel model = new FakeModel(7, 12, TestFingerprints.CLASSES);
    private final Fingerprint fingerprint = TestFingerprints.of(model, 3, ComparisonMode.PROBS);
    private final int samples = fingerprint.samples().size();
    private FaultServer server;

    /** Generous timeouts: a loaded CI machine must not turn a happy path into a timeout. */
    private HttpSettings settings = settings(Duration.ofSeconds(3));

    private static HttpSettings settings(Duration requestTimeout) {
        return HttpSettings.builder()
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(requestTimeout)
                .retry(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), 2.0))
                .maxResponseBytes(64 * 1024)
                .build();
    }

    @BeforeEach
    void startServer() throws IOException {
        server = FaultServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    // ---- honest servers -------------------------------------------------------------------

    private static float[] oipInput(byte[] body) throws IOException {
        JsonNode in = JSON.readTree(body).get("inputs").get(0);
        JsonNode data = in.get("data");
        float[] x = new float[data.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) data.get(i).doubleValue();
        }
        return x;
    }

    /** Numbers as Python's json writes numpy float32 values: the exact double. */
    private static String numbers(float[] v) {
        List<String> s = new ArrayList<>();
        for (float f : v) {
            s.add(Double.toString(f));
        }
        return "[" + String.join(",", s) + "]";
    }

    private static String oipOutput(String name, String shape, String datatype, String data) {
        return "{\"name\":\""
                + name
                + "\",\"shape\":"
                + shape
                + ",\"datatype\":\""
                + datatype
                + "\",\"data\":"
                + data
                + "}";
    }

    private static String oipAnswer(String... outputs) {
        return "{\"model_name\":\"fake\",\"outputs\":[" + String.join(",", outputs) + "]}";
    }

    private FaultServer.Behaviour honestOip(FakeModel m) {
        return (ex, body, n) -> {
            float[] y = m.apply(oipInput(body));
            json(ex, 200, oipAnswer(oipOutput("logits", "[1,4]", "FP32", numbers(y))));
        };
    }

    private InferenceEndpoint oip() {
        return oip(
                EndpointSpec.builder(server.base().toString(), Protocol.OIP)
                        .model("fake")
                        .inputName("input-0"));
    }

    private InferenceEndpoint oip(EndpointSpec.Builder spec) {
        return Endpoints.create(spec.build(), settings);
    }

    private VerificationResult verify(InferenceEndpoint endpoint) {
        return verify(endpoint, fingerprint);
    }

    private static VerificationResult verify(InferenceEndpoint endpoint, Fingerprint fp) {
        return Verifier.builder(endpoint).seed(42).build().verify(fp);
    }

    private void assertInconclusive(VerificationResult r, String reasonPart) {
        assertThat(r.verdict()).isInstanceOf(Verdict.Inconclusive.class);
        Verdict.Inconclusive v = (Verdict.Inconclusive) r.verdict();
        assertThat(v.failures()).hasSize(samples);
        assertThat(v.failures())
                .allSatisfy(
                        f -> {
                            assertThat(f.reason()).containsIgnoringCase(reasonPart);
                            assertThat(f.reason()).doesNotContain("\n");
                        });
    }

    // ---- happy paths ----------------------------------------------------------------------

    @Test
    void oipServerWithTheGenuineModelIsIntactEvenBitForBit() {
        server.behave(honestOip(model));
        Fingerprint exact = TestFingerprints.of(model, 3, ComparisonMode.EXACT);

        VerificationResult r = verify(oip(), exact);

        assertThat(r.verdict()).isInstanceOf(Verdict.Intact.class);
        assertThat(r.matchedCount()).isEqualTo(3);
    }

    @Test
    void oipRequestIsPlainHttp11WithDeclaredShapeAndUserAgent() throws IOException {
        server.behave(honestOip(model));

        verify(oip());

        FaultServer.Seen first = server.requests().get(0);
        assertThat(first.protocol()).isEqualTo("HTTP/1.1");
        assertThat(first.header("upgrade")).isNull();
        assertThat(first.path()).isEqualTo("/v2/models/fake/infer");
        assertThat(first.header("user-agent")).startsWith("sensiprint");
        JsonNode input = JSON.readTree(first.body()).get("inputs").get(0);
        assertThat(input.get("shape").toString()).isEqualTo("[1,3,2,2]");
        assertThat(input.get("datatype").asText()).isEqualTo("FP32");
        assertThat(input.get("name").asText()).isEqualTo("input-0");
    }

    @Test
    void tfServingServerWithTheGenuineModelIsIntactInChannelsLastLayout() {
        server.behave(
                (ex, body, n) -> {
                    JsonNode inst = JSON.readTree(body).get("instances").get(0);
                    // Channels last: [H][W][C] = [2][2][3]; turn back to C×H×W for the model.
                    float[] chw = new float[12];
                    for (int y = 0; y < 2; y++) {
                        for (int x = 0; x < 2; x++) {
                            for (int c = 0; c < 3; c++) {
                                chw[c * 4 + y * 2 + x] =
                                        (float) inst.get(y).get(x).get(c).doubleValue();
                            }
                        }
                    }
                    json(ex, 200, "{\"predictions\":[" + numbers(model.apply(chw)) + "]}");
                });
        InferenceEndpoint tf =
                Endpoints.create(
                        EndpointSpec.builder(
                                        server.base() + "/v1/models/fake:predict",
                                        Protocol.TFSERVING)
                                .layout(Layout.NHWC)
                                .build(),
                        settings);

        VerificationResult r = verify(tf);

        assertThat(r.verdict()).isInstanceOf(Verdict.Intact.class);
        assertThat(server.requests().get(0).path()).isEqualTo("/v1/models/fake:predict");
    }

    private FaultServer.Behaviour torchServe(FakeModel m, boolean asDict) {
        return (ex, body, n) -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + TOKEN).equals(auth)) {
                json(
                        ex,
                        401,
                        "{\"code\":401,\"type\":\"InvalidKeyException\",\"message\":\"Token Authorization failed. Got: "
                                + auth
                                + "\"}");
                return;
            }
            JsonNode data = JSON.readTree(body).get("data");
            float[] chw = new float[12];
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 2; y++) {
                    for (int x = 0; x < 2; x++) {
                        chw[c * 4 + y * 2 + x] = (float) data.get(c).get(y).get(x).doubleValue();
                    }
                }
            }
            float[] y = m.apply(chw);
            if (asDict) {
                json(
                        ex,
                        200,
                        "{\"3\":"
                                + (double) y[3]
                                + ",\"0\":"
                                + (double) y[0]
                                + ",\"2\":"
                                + (double) y[2]
                                + ",\"1\":"
                                + (double) y[1]
                                + "}");
            } else {
                json(ex, 200, numbers(y));
            }
        };
    }

    private InferenceEndpoint torchServe(String token) {
        HttpSettings withAuth =
                HttpSettings.builder()
                        .requestTimeout(Duration.ofSeconds(3))
                        .retry(RetryPolicy.NONE)
                        .auth(AuthHeader.bearer(Secret.fromEnv("TS_TOKEN", name -> token)))
                        .build();
        return Endpoints.create(
                EndpointSpec.builder(server.base().toString(), Protocol.TORCHSERVE)
                        .model("fake")
                        .version("1.0")
                        .build(),
                withAuth);
    }

    @Test
    void torchServeServerWithTheGenuineModelIsIntactWithBearerToken() {
        server.behave(torchServe(model, false));

        VerificationResult r = verify(torchServe(TOKEN));

        assertThat(r.verdict()).isInstanceOf(Verdict.Intact.class);
        assertThat(server.requests().get(0).path()).isEqualTo("/predictions/fake/1.0");
    }

    @Test
    void torchServeAnswerAsClassToScoreObjectIsIntact() {
        server.behave(torchServe(model, true));

        assertThat(verify(torchServe(TOKEN)).verdict()).isInstanceOf(Verdict.Intact.class);
    }

    @Test
    void torchServeWrongTokenIsInconclusiveAndTheTokenIsNeverEchoed() {
        server.behave(torchServe(model, false));

        VerificationResult r = verify(torchServe("wrong-token-123"));

        assertInconclusive(r, "HTTP 401");
        assertThat(r.verdict().summary()).doesNotContain("wrong-token-123").contains("***");
    }

    @Test
    void oipInputNameAndBatchDimensionComeFromModelMetadata() throws IOException {
        server.behave(
                (ex, body, n) -> {
                    if (ex.getRequestMethod().equals("GET")) {
                        json(
                                ex,
                                200,
                                "{\"name\":\"fake\",\"platform\":\"x\",\"inputs\":[{\"name\":\"pixels\",\"datatype\":\"FP32\",\"shape\":[-1,3,2,2]}],\"outputs\":[]}");
                    } else {
                        honestOip(model).handle(ex, body, n);
                    }
                });

        VerificationResult r =
                verify(
                        oip(
                                EndpointSpec.builder(server.base().toString(), Protocol.OIP)
                                        .model("fake")));

        assertThat(r.verdict()).isInstanceOf(Verdict.Intact.class);
        long metadataCalls =
                server.requests().stream().filter(s -> s.method().equals("GET")).count();
        assertThat(metadataCalls).isEqualTo(1);
        assertThat(
                        JSON.readTree(server.requests().get(1).body())
                                .get("inputs")
                                .get(0)
                                .get("name")
                                .asText())
                .isEqualTo("pixels");
    }

    @Test
    void oipMetadataWithAnotherInputShapeIsInconclusive() {
        server.behave(
                (ex, body, n) ->
                        json(
                                ex,
                                200,
                                "{\"name\":\"fake\",\"inputs\":[{\"name\":\"pixels\",\"datatype\":\"FP32\",\"shape\":[-1,2,2,3]}],\"outputs\":[]}"));

        VerificationResult r =
                verify(
                        oip(
                                EndpointSpec.builder(server.base().toString(), Protocol.OIP)
                                        .model("fake")));

        assertInconclusive(r, "has shape [-1, 2, 2, 3]");
    }

    @Test
    void oipReadinessIsReadFromHealthEndpoints() {
        server.behave(
                (ex, body, n) -> {
                    String p = ex.getRequestURI().getPath();
                    if (p.equals("/v2/health/live")) {
                        json(ex, 200, "{\"live\":true}");
                    } else {
                        json(ex, 200, "{\"name\":\"fake\",\"ready\":false}");
                    }
                });
        OipEndpoint ep = (OipEndpoint) oip();

        assertThat(ep.serverLive()).isTrue();
        assertThat(ep.modelReady()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(ep::checkReady)
                .isInstanceOf(dev.sensiprint.error.EndpointException.class)
                .hasMessageContaining("not ready");
    }

    @Test
    void torchServeAnswerScoringOnlySomeClassesIsInconclusive() {
        server.behave((ex, body, n) -> json(ex, 200, "{\"0\":0.9,\"3\":0.1}"));

        assertInconclusive(verify(torchServe(TOKEN)), "scores 2 classes; a full vector");
    }

    private InferenceEndpoint tfServing() {
        return Endpoints.create(
                EndpointSpec.builder(server.base().toString(), Protocol.TFSERVING)
                        .model("fake")
                        .build(),
                settings);
    }

    @Test
    void tfServingAnswerWithSeveralNamedOutputsAndNoNameIsInconclusive() {
        server.behave(
                (ex, body, n) ->
                        json(
                                ex,
                                200,
                                "{\"predictions\":[{\"probs\":[1,2,3,4],\"logits\":[1,2,3,4]}]}"));

        assertInconclusive(verify(tfServing()), "has 2 outputs (probs, logits)");
    }

    @Test
    void tfServingErrorIsInconclusiveWithTheServersReason() {
        server.behave(
                (ex, body, n) ->
                        json(
                                ex,
                                400,
                                "{\"error\":\"Input to reshape is a tensor with 12 values\"}"));

        assertInconclusive(
                verify(tfServing()), "HTTP 400: Input to reshape is a tensor with 12 values");
    }

    @Test
    void tfServingAnswerForTwoInstancesIsInconclusive() {
        server.behave((ex, body, n) -> json(ex, 200, "{\"predictions\":[[1,2,3,4],[1,2,3,4]]}"));

        assertInconclusive(verify(tfServing()), "predictions should hold one entry");
    }

    // ---- well-formed but different ----------------------------------------------------------

    @Test
    void differentModelAnsweringWellFormedOutputsIsTampered() {
        server.behave(honestOip(new FakeModel(8, 12, TestFingerprints.CLASSES)));

        VerificationResult r = verify(oip());

        assertThat(r.verdict()).isInstanceOf(Verdict.Tampered.class);
        assertThat(((Verdict.Tampered) r.verdict()).mismatches()).hasSize(samples);
    }

    @Test
    void reorderedOutputsAreChosenByNameAndStillIntact() {
        server.behave(
                (ex, body, n) -> {
                    float[] y = model.apply(oipInput(body));
                    json(
                            ex,
                            200,
                            oipAnswer(
                                    oipOutput("features", "[1,4]", "FP32", "[9.0,9.0,9.0,9.0]"),
                                    oipOutput("logits", "[1,4]", "FP64", numbers(y))));
                });

        VerificationResult r =
                verify(
                        oip(
                                EndpointSpec.builder(server.base().toString(), Protocol.OIP)
                                        .model("fake")
                                        .inputName("x")
                                        .outputName("logits")));

        assertThat(r.verdict()).isInstanceOf(Verdict.Intact.class);
        assertThat(server.requests().get(0).bodyText())
                .contains("\"outputs\":[{\"name\":\"logits\"}]");
    }

    // ---- transport faults ---------------------------------------------------------------------

    @Test
    void connectionRefusedIsInconclusive() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        InferenceEndpoint ep =
                oip(
                        EndpointSpec.builder("http://127.0.0.1:" + port, Protocol.OIP)
                                .model("fake")
                                .inputName("x"));

        assertInconclusive(verify(ep), "after 3 attempts");
    }

    /**
     * JDK's HttpServer keeps the connection open when a handler writes less than it announced, so a
     * genuine mid-body reset needs a raw socket: announce 1000 bytes, send a few, then close with
     * SO_LINGER 0, which sends a TCP RST.
     */
    @Test
    void connectionResetMidBodyIsRetriedThenInconclusive() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket raw = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor =
                    new Thread(
                            () -> {
                                while (!raw.isClosed()) {
                                    try (Socket s = raw.accept()) {
                                        connections.incrementAndGet();
                                        readHead(s.getInputStream());
                                        s.getOutputStream()
                                                .write(
                                                        ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                                                        + "Content-Length: 1000\r\n\r\n{\"outputs\":[{\"name\":")
                                                                .getBytes(
                                                                        StandardCharsets.US_ASCII));
                                        s.getOutputStream().flush();
                                        s.setSoLinger(true, 0);
                                    } catch (IOException e) {
                                        // closed at the end of the test
                                    }
                                }
                            });
            acceptor.setDaemon(true);
            acceptor.start();
            InferenceEndpoint ep =
                    oip(
                            EndpointSpec.builder(
                                            "http://127.0.0.1:" + raw.getLocalPort(), Protocol.OIP)
                                    .model("fake")
                                    .inputName("x"));

            VerificationResult r = verify(ep);

            assertInconclusive(r, "connection broke");
            assertThat(connections.get()).isEqualTo(samples * 3);
        }
    }

    /** Reads a request's head and its Content-Length body. */
    private static void readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                return;
            }
            head.append((char) c);
        }
        Matcher m = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (m.find()) {
            in.readNBytes(Integer.parseInt(m.group(1)));
        }
    }

    @Test
    void http500IsInconclusiveAndNotRetried() {
        server.behave((ex, body, n) -> json(ex, 500, "{\"error\":\"CUDA out of memory\"}"));

        VerificationResult r = verify(oip());

        assertInconclusive(r, "HTTP 500: CUDA out of memory");
        assertThat(server.requests()).hasSize(samples);
    }

    @Test
    void http503ThenSuccessIsRetriedAndIntact() {
        FaultServer.Behaviour honest = honestOip(model);
        server.behave(
                (ex, body, n) -> {
                    if (n % 2 == 1) {
                        json(ex, 503, "{\"error\":\"model loading\"}");
                    } else {
                        honest.handle(ex, body, n);
                    }
                });

        VerificationResult r = verify(oip());

        assertThat(r.verdict()).isInstanceOf(Verdict.Intact.class);
        assertThat(server.requests()).hasSize(samples * 2);
    }

    @Test
    void http503ThenADifferentModelIsTampered() {
        FaultServer.Behaviour other = honestOip(new FakeModel(99, 12, 4));
        server.behave(
                (ex, body, n) -> {
                    if (n % 2 == 1) {
                        json(ex, 503, "{\"error\":\"busy\"}");
                    } else {
                        other.handle(ex, body, n);
                    }
                });

        assertThat(verify(oip()).verdict()).isInstanceOf(Verdict.Tampered.class);
    }

    @Test
    void http429IsRetriedBoundedlyThenInconclusive() {
        server.behave(
                (ex, body, n) -> {
                    ex.getResponseHeaders().set("Retry-After", "0");
                    json(ex, 429, "{\"error\":\"rate limited\"}");
                });

        VerificationResult r = verify(oip());

        assertInconclusive(r, "HTTP 429 after 3 attempts");
        assertThat(server.requests()).hasSize(samples * 3);
    }

    @Test
    void serverSilentBeyondTheTimeoutIsInconclusive() {
        server.behave(
                (ex, body, n) -> {
                    Thread.sleep(5_000);
                    honestOip(model).handle(ex, body, n);
                });
        settings = settings(Duration.ofMillis(500));

        VerificationResult r = verify(oip());

        assertInconclusive(r, "no complete answer within 500 ms");
        assertThat(server.requests()).hasSize(samples);
    }

    @Test
    void bodyDrippingSlowerThanTheTimeoutIsInconclusive() {
        server.behave(
                (ex, body, n) -> {
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, 0);
                    OutputStream out = ex.getResponseBody();
                    byte[] answer =
                            oipAnswer(oipOutput("logits", "[1,4]", "FP32", "[0.0,0.0,0.0,0.0]"))
                                    .getBytes(StandardCharsets.UTF_8);
                    for (byte b : answer) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(100);
                    }
                    out.close();
                });
        settings = settings(Duration.ofMillis(500));

        assertInconclusive(verify(oip()), "no complete answer within 500 ms");
    }

    @Test
    void truncatedJsonIsInconclusive() {
        server.behave(
                (ex, body, n) ->
                        json(
                                ex,
                                200,
                                "{\"outputs\":[{\"name\":\"logits\",\"shape\":[1,4],\"data\":[0.1,0.2"));

        assertInconclusive(verify(oip()), "truncated JSON");
    }

    @Test
    void htmlPageWithStatus200IsInconclusive() {
        server.behave(
                (ex, body, n) ->
                        text(
                                ex,
                                200,
                                "text/html",
                                "<html><head><title>Login required</title></head></html>"));

        assertInconclusive(verify(oip()), "answered HTML, not JSON (page title 'Login required')");
    }

    @Test
    void htmlGatewayErrorIsRetriedThenInconclusive() {
        server.behave(
                (ex, body, n) ->
                        text(ex, 502, "text/html", "<html><title>502 Bad Gateway</title></html>"));

        VerificationResult r = verify(oip());

        assertInconclusive(r, "HTTP 502 after 3 attempts, HTML error page");
    }

    @Test
    void outputOfTwoRowsIsInconclusive() {
        server.behave(
                (ex, body, n) ->
                        json(
                                ex,
                                200,
                                oipAnswer(
                                        oipOutput(
                                                "logits", "[2,4]", "FP32", "[1,2,3,4,5,6,7,8]"))));

        assertInconclusive(verify(oip()), "has shape [2, 4]");
    }

    @Test
    void outputOfAnotherLengthIsInconclusiveNotTampered() {
        server.behave(
                (ex, body, n) ->
                        json(
                                ex,
                                200,
                                oipAnswer(oipOutput("logits", "[1,5]", "FP32", "[1,2,3,4,5]"))));

        assertInconclusive(verify(oip()), "answered 5 values, the fingerprint has 4");
    }

    @Test
    void outputDataDisagreeingWithItsShapeIsInconclusive() {
        server.behave(
                (ex, body, n) ->
                        json(ex, 200, oipAnswer(oipOutput("logits", "[1,4]", "FP32", "[1,2,3]"))));

        assertInconclusive(verify(oip()), "declares shape [1, 4] (4 values) but holds 3");
    }

    @Test
    void bytesDatatypeIsInconclusive() {
        server.behave(
                (ex, body, n) ->
                        json(
                                ex,
                                200,
                                oipAnswer(
                                        oipOutput(
                                                "logits",
                                                "[1,4]",
                                                "BYTES",
                                                "[\"a\",\"b\",\"c\",\"d\"]"))));

        assertInconclusive(verify(oip()), "datatype 'BYTES'");
    }

    @Test
    void nanOutputsAreInconclusive() {
        server.behave(
                (ex, body, n) ->
                        json(
                                ex,
                                200,
                                oipAnswer(
                                        oipOutput(
                                                "logits",
                                                "[1,4]",
                                                "FP32",
                                                "[0.5,NaN,Infinity,-Infinity]"))));

        assertInconclusive(verify(oip()), "answer holds NaN at class 1");
    }

    @Test
    void missingOutputsAreInconclusive() {
        server.behave(
                (ex, body, n) ->
                        json(ex, 200, "{\"model_name\":\"fake\",\"error\":\"inference failed\"}"));

        assertInconclusive(verify(oip()), "has no outputs (server error: inference failed)");
    }

    @Test
    void severalOutputsWithoutANameToChooseAreInconclusive() {
        server.behave(
                (ex, body, n) -> {
                    float[] y = model.apply(oipInput(body));
                    json(
                            ex,
                            200,
                            oipAnswer(
                                    oipOutput("logits", "[1,4]", "FP32", numbers(y)),
                                    oipOutput("probs", "[1,4]", "FP32", numbers(y))));
                });

        assertInconclusive(verify(oip()), "has 2 outputs (logits, probs); name the one to compare");
    }

    @Test
    void hugeStreamedBodyBeyondTheCapIsInconclusive() {
        server.behave(
                (ex, body, n) -> {
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, 0); // chunked, no length announced
                    OutputStream out = ex.getResponseBody();
                    out.write(
                            "{\"outputs\":[{\"name\":\"logits\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":["
                                    .getBytes(StandardCharsets.UTF_8));
                    byte[] chunk = "0.0,".repeat(4096).getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < 600; i++) { // ~10 MB
                        out.write(chunk);
                    }
                    out.close();
                });

        assertInconclusive(verify(oip()), "larger than 65536 bytes");
    }

    @Test
    void announcedHugeBodyIsRefusedBeforeReading() {
        server.behave(
                (ex, body, n) -> {
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, 50_000_000L);
                    ex.getResponseBody().write(new byte[1024]);
                });

        assertInconclusive(verify(oip()), "larger than 65536 bytes");
    }

    @Test
    void unknownModelNameIsInconclusive() {
        server.behave(
                (ex, body, n) -> {
                    if (ex.getRequestURI().getPath().startsWith("/v2/models/fake/")) {
                        honestOip(model).handle(ex, body, n);
                    } else {
                        json(
                                ex,
                                404,
                                "{\"error\":\"Request for unknown model: 'nosuch' is not found\"}");
                    }
                });
        InferenceEndpoint ep =
                oip(
                        EndpointSpec.builder(
                                        server.base() + "/v2/models/nosuch/infer", Protocol.OIP)
                                .inputName("x"));

        assertInconclusive(verify(ep), "HTTP 404: Request for unknown model");
    }

    @Test
    void redirectLoopIsNotFollowedAndInconclusive() {
        server.behave(
                (ex, body, n) -> {
                    ex.getResponseHeaders().set("Location", ex.getRequestURI().getPath());
                    ex.sendResponseHeaders(302, -1);
                });

        VerificationResult r = verify(oip());

        assertInconclusive(r, "redirected (HTTP 302");
        assertThat(server.requests()).hasSize(samples);
    }

    @Test
    void gzipBombIsRefusedUnread() throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) { // 64 MiB of zeros in ~64 KiB
                gz.write(zeros);
            }
        }
        byte[] bomb = packed.toByteArray();
        server.behave(
                (ex, body, n) -> {
                    ex.getResponseHeaders().set("Content-Encoding", "gzip");
                    FaultServer.bytes(ex, 200, "application/json", bomb);
                });

        assertInconclusive(verify(oip()), "Content-Encoding 'gzip' that was not asked for");
    }

    @Test
    void someSamplesFailingAndOneDifferingIsTampered() {
        FaultServer.Behaviour other = honestOip(new FakeModel(8, 12, TestFingerprints.CLASSES));
        server.behave(
                (ex, body, n) -> {
                    if (n == 1) {
                        other.handle(ex, body, n);
                    } else {
                        json(ex, 500, "{\"error\":\"boom\"}");
                    }
                });

        VerificationResult r = verify(oip());

        assertThat(r.verdict()).isInstanceOf(Verdict.Tampered.class);
        Verdict.Tampered t = (Verdict.Tampered) r.verdict();
        assertThat(t.mismatches()).hasSize(1);
        assertThat(t.failures()).hasSize(samples - 1);
    }
}
