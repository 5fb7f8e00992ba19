package dev.sensiprint.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.tensor.FloatTensor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceServerTest {

    private static final String INFER = "/v2/models/sums/infer";

    private static FakeModels.Fake sums;
    private static InferenceServer server;
    private static OipClient client;

    @BeforeAll
    static void startServer() {
        sums = FakeModels.channelSums(3, 2, 2);
        server =
                new InferenceServer(
                                sums,
                                ServeSettings.builder("sums")
                                        .maxBatch(16)
                                        .serverVersion("9.9")
                                        .build())
                        .start();
        client = new OipClient(server.uri());
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    private static float[] randomPixels(SplittableRandom random, int count) {
        float[] p = new float[count];
        for (int i = 0; i < count; i++) {
            p[i] = (float) random.nextDouble();
        }
        return p;
    }

    private static void assertError(OipClient.Reply reply, int status, String messagePart) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode error = reply.json().get("error");
        assertThat(error).isNotNull();
        assertThat(error.asText())
                .contains(messagePart)
                .doesNotContain("\n")
                .doesNotContain("\tat ");
    }

    // --- health and metadata -------------------------------------------------------------

    @Test
    void theServerListensOnLoopbackOnAnEphemeralPort() {
        assertThat(server.port()).isPositive();
        assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void liveAndReadyAnswerTrue() throws Exception {
        OipClient.Reply live = client.get("/v2/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().get("live").asBoolean()).isTrue();
        OipClient.Reply ready = client.get("/v2/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("ready").asBoolean()).isTrue();
    }

    @Test
    void serverMetadataNamesTheServerItsVersionAndNoExtensions() throws Exception {
        JsonNode meta = client.get("/v2").json();
        assertThat(meta.get("name").asText()).isEqualTo("sensiprint");
        assertThat(meta.get("version").asText()).isEqualTo("9.9");
        assertThat(meta.get("extensions").isArray()).isTrue();
        assertThat(meta.get("extensions")).isEmpty();
    }

    @Test
    void modelMetadataDescribesTheTensorsWithAVariableBatch() throws Exception {
        for (String path : List.of("/v2/models/sums", "/v2/models/sums/versions/1")) {
            OipClient.Reply reply = client.get(path);
            assertThat(reply.status()).isEqualTo(200);
            JsonNode meta = reply.json();
            assertThat(meta.get("name").asText()).isEqualTo("sums");
            assertThat(meta.get("versions").toString()).isEqualTo("[\"1\"]");
            assertThat(meta.get("platform").asText()).isEqualTo("pytorch_torchscript");
            assertThat(meta.get("inputs").toString())
                    .isEqualTo("[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[-1,3,2,2]}]");
            assertThat(meta.get("outputs").toString())
                    .isEqualTo("[{\"name\":\"output\",\"datatype\":\"FP32\",\"shape\":[-1,3]}]");
        }
    }

    @Test
    void modelReadyNamesTheModel() throws Exception {
        for (String path : List.of("/v2/models/sums/ready", "/v2/models/sums/versions/1/ready")) {
            JsonNode ready = client.get(path).json();
            assertThat(ready.get("name").asText()).isEqualTo("sums");
            assertThat(ready.get("ready").asBoolean()).isTrue();
        }
    }

    // --- inference ------------------------------------------------------------------------

    @Test
    void aBatchOfThreeGetsTheModelsOutputsWithModelNameVersionAndId() throws Exception {
        float[] pixels = randomPixels(new SplittableRandom(1), 3 * 12);
        OipClient.Reply reply =
                client.post(INFER, OipClient.inferBody("req-3", new int[] {3, 3, 2, 2}, pixels));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("model_name").asText()).isEqualTo("sums");
        assertThat(body.get("model_version").asText()).isEqualTo("1");
        assertThat(body.get("id").asText()).isEqualTo("req-3");
        JsonNode output = body.get("outputs").get(0);
        assertThat(output.get("name").asText()).isEqualTo("output");
        assertThat(output.get("datatype").asText()).isEqualTo("FP32");
        assertThat(output.get("shape").toString()).isEqualTo("[3,3]");
        FloatTensor expected =
                FakeModels.sumChannels(new FloatTensor(new int[] {3, 3, 2, 2}, pixels));
        assertThat(reply.outputData()).containsExactly(expected.data());
    }

    @Test
    void oneSampleWithoutBatchDimensionGetsABatchOfOneOutput() throws Exception {
        float[] pixels = randomPixels(new SplittableRandom(2), 12);
        OipClient.Reply reply =
                client.post(
                        "/v2/models/sums/versions/1/infer",
                        OipClient.inferBody(null, new int[] {3, 2, 2}, pixels));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("outputs").get(0).get("shape").toString()).isEqualTo("[1,3]");
        assertThat(reply.json().has("id")).isFalse();
        assertThat(reply.outputData())
                .containsExactly(
                        FakeModels.sumChannels(new FloatTensor(new int[] {1, 3, 2, 2}, pixels))
                                .data());
    }

    @Test
    void awkwardFloatsMakeTheRoundTripBitForBit() throws Exception {
        float[] awkward = JsonFloatsTest.awkward();
        FakeModels.Fake identity = FakeModels.identity();
        try (InferenceServer echo =
                new InferenceServer(identity, ServeSettings.builder("echo").maxBatch(256).build())
                        .start()) {
            OipClient c = new OipClient(echo.uri());
            for (int batch : new int[] {1, 3, 256}) {
                for (int start = 0; start + batch * 4 <= 40_000; start += batch * 4) {
                    float[] pixels =
                            java.util.Arrays.copyOfRange(awkward, start, start + batch * 4);
                    OipClient.Reply reply =
                            c.post(
                                    "/v2/models/echo/infer",
                                    OipClient.inferBody(null, new int[] {batch, 1, 2, 2}, pixels));
                    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                    float[] back = reply.outputData();
                    for (int i = 0; i < pixels.length; i++) {
                        assertThat(Float.floatToRawIntBits(back[i]))
                                .as("value %s", pixels[i])
                                .isEqualTo(Float.floatToRawIntBits(pixels[i]));
                    }
                    if (batch < 256 && start > 64) {
                        break; // a few small batches, many large ones
                    }
                }
            }
        }
    }

    @Test
    void nonFiniteValuesPassThroughAsBareTokens() throws Exception {
        try (InferenceServer echo =
                new InferenceServer(FakeModels.identity(), ServeSettings.builder("echo").build())
                        .start()) {
            float[] pixels = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f};
            OipClient.Reply reply =
                    new OipClient(echo.uri())
                            .post(
                                    "/v2/models/echo/infer",
                                    OipClient.inferBody(null, new int[] {1, 2, 2}, pixels));
            assertThat(reply.body()).contains("[NaN,Infinity,-Infinity,-0.0]");
        }
    }

    @Test
    void aClientThatSendsNoOrAFormContentTypeIsServed() throws Exception {
        String body = OipClient.inferBody(null, new int[] {3, 2, 2}, new float[12]);
        assertThat(client.post(INFER, body, null).status()).isEqualTo(200);
        assertThat(client.post(INFER, body, "application/x-www-form-urlencoded").status())
                .isEqualTo(200);
        assertThat(client.post(INFER, body, "application/json; charset=utf-8").status())
                .isEqualTo(200);
    }

    // --- errors ----------------------------------------------------------------------------

    @Test
    void malformedJsonIs400() throws Exception {
        assertError(client.post(INFER, "{\"inputs\": [ {"), 400, "malformed JSON");
    }

    @Test
    void aWrongShapeIs400() throws Exception {
        assertError(
                client.post(
                        INFER, OipClient.inferBody(null, new int[] {1, 1, 28, 28}, new float[784])),
                400,
                "does not fit the model's input [-1, 3, 2, 2]");
    }

    @Test
    void aWrongDatatypeIs400() throws Exception {
        String body =
                OipClient.inferBody(null, new int[] {3, 2, 2}, new float[12])
                        .replace("FP32", "UINT8");
        assertError(client.post(INFER, body), 400, "datatype UINT8 is not accepted");
    }

    @Test
    void aWrongInputCountIs400() throws Exception {
        assertError(client.post(INFER, "{\"inputs\":[]}"), 400, "exactly 1 input tensor");
    }

    @Test
    void aBatchOverTheLimitIs400() throws Exception {
        assertError(
                client.post(
                        INFER,
                        OipClient.inferBody(null, new int[] {17, 3, 2, 2}, new float[17 * 12])),
                400,
                "a batch of 17 exceeds the limit of 16 samples");
    }

    @Test
    void anUnknownPathIs404() throws Exception {
        assertError(client.get("/v1/models/sums"), 404, "no such endpoint: /v1/models/sums");
        assertError(client.get("/v2/models/sums/explain"), 404, "no such endpoint");
    }

    @Test
    void anUnknownModelOrVersionIs404() throws Exception {
        assertError(client.get("/v2/models/other"), 404, "unknown model 'other'");
        assertError(client.post("/v2/models/other/infer", "{}"), 404, "unknown model 'other'");
        assertError(client.get("/v2/models/sums/versions/2/ready"), 404, "unknown version '2'");
    }

    @Test
    void aWrongMethodIs405WithTheAllowedOne() throws Exception {
        OipClient.Reply get = client.get(INFER);
        assertError(get, 405, "use POST");
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        OipClient.Reply post = client.post("/v2/health/ready", "{}");
        assertError(post, 405, "use GET");
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        OipClient.Reply put =
                client.send(
                        HttpRequest.newBuilder(server.uri().resolve("/v2/models/sums"))
                                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(put.status()).isEqualTo(405);
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413BeforeTheBodyIsRead() throws IOException {
        // 100 GB announced, 1 KB sent: the answer must come without waiting for the rest.
        String head =
                "POST "
                        + INFER
                        + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100000000000\r\n\r\n";
        String status =
                OipClient.rawStatusLine(
                        server.uri(),
                        head.getBytes(StandardCharsets.US_ASCII),
                        "{\"inputs\":[".repeat(90).getBytes(StandardCharsets.US_ASCII));
        assertThat(status).isEqualTo("HTTP/1.1 413 Payload Too Large");
    }

    @Test
    void aChunkedBodyIsCutOffWhenItPassesTheLimit() throws IOException {
        try (InferenceServer small =
                new InferenceServer(
                                FakeModels.channelSums(3, 2, 2),
                                ServeSettings.builder("sums").maxBodyBytes(4096).build())
                        .start()) {
            String head =
                    "POST "
                            + INFER
                            + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n";
            // 8 chunks of 1000 bytes (8000 > 4096), never terminated: the server must not wait for
            // the end.
            StringBuilder chunks = new StringBuilder();
            String payload = "{\"inputs\":[{\"data\":[" + "0,".repeat(500);
            chunks.append(Integer.toHexString(payload.length()))
                    .append("\r\n")
                    .append(payload)
                    .append("\r\n");
            for (int i = 0; i < 8; i++) {
                String part = "0,".repeat(500);
                chunks.append(Integer.toHexString(part.length()))
                        .append("\r\n")
                        .append(part)
                        .append("\r\n");
            }
            String status =
                    OipClient.rawStatusLine(
                            small.uri(),
                            head.getBytes(StandardCharsets.US_ASCII),
                            chunks.toString().getBytes(StandardCharsets.US_ASCII));
            assertThat(status).isEqualTo("HTTP/1.1 413 Payload Too Large");
        }
    }

    @Test
    void aNonJsonContentTypeOrACompressedBodyIs415() throws Exception {
        String body = OipClient.inferBody(null, new int[] {3, 2, 2}, new float[12]);
        assertError(
                client.post(INFER, body, "application/octet-stream"),
                415,
                "application/octet-stream");
        assertError(
                client.send(
                        HttpRequest.newBuilder(server.uri().resolve(INFER))
                                .header("Content-Encoding", "gzip")
                                .POST(HttpRequest.BodyPublishers.ofString(body))),
                415,
                "content encoding gzip");
    }

    @Test
    void aFailingModelIs500WithItsFirstLineOnly() throws Exception {
        try (InferenceServer broken =
                new InferenceServer(FakeModels.failing(), ServeSettings.builder("broken").build())
                        .start()) {
            OipClient.Reply reply =
                    new OipClient(broken.uri())
                            .post(
                                    "/v2/models/broken/infer",
                                    OipClient.inferBody(null, new int[] {1, 2, 2}, new float[4]));
            assertError(reply, 500, "the model failed: libtorch: shape mismatch in addmm");
            assertThat(reply.body()).doesNotContain("frame").doesNotContain("Exception");
        }
    }

    @Test
    void aModelAnsweringTheWrongShapeIs500() throws Exception {
        try (InferenceServer wrong =
                new InferenceServer(FakeModels.wrongShape(), ServeSettings.builder("wrong").build())
                        .start()) {
            assertError(
                    new OipClient(wrong.uri())
                            .post(
                                    "/v2/models/wrong/infer",
                                    OipClient.inferBody(
                                            null, new int[] {2, 1, 2, 2}, new float[8])),
                    500,
                    "the model returned shape [2, 3], expected [2, 2]");
        }
    }

    @Test
    void errorsJettyAnswersItselfAreJsonToo() throws IOException {
        String head = "GET /v2 HTTP/1.1\r\nHost: localhost\r\nContent-Length: twelve\r\n\r\n";
        String response = rawResponse(server.uri(), head);
        assertThat(response).startsWith("HTTP/1.1 400 ");
        assertThat(response).contains("Content-Type: application/json");
        assertThat(response.substring(response.indexOf("\r\n\r\n") + 4)).startsWith("{\"error\":");
    }

    private static String rawResponse(URI base, String request) throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // --- concurrency, protocol versions, lifecycle ----------------------------------------

    @Test
    void eightConcurrentClientsAreAllAnsweredCorrectlyAndTheModelIsCalledOneAtATime()
            throws Exception {
        FakeModels.Fake model = FakeModels.channelSums(3, 2, 2);
        try (InferenceServer s =
                new InferenceServer(model, ServeSettings.builder("sums").build()).start()) {
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int seed = t;
                    results.add(
                            clients.submit(
                                    () -> {
                                        OipClient c = new OipClient(s.uri());
                                        SplittableRandom random = new SplittableRandom(seed);
                                        int correct = 0;
                                        for (int i = 0; i < 20; i++) {
                                            int batch = 1 + random.nextInt(4);
                                            float[] pixels = randomPixels(random, batch * 12);
                                            OipClient.Reply reply =
                                                    c.post(
                                                            INFER,
                                                            OipClient.inferBody(
                                                                    "t" + seed + "-" + i,
                                                                    new int[] {batch, 3, 2, 2},
                                                                    pixels));
                                            float[] expected =
                                                    FakeModels.sumChannels(
                                                                    new FloatTensor(
                                                                            new int[] {
                                                                                batch, 3, 2, 2
                                                                            },
                                                                            pixels))
                                                            .data();
                                            if (reply.status() == 200
                                                    && reply.json()
                                                            .get("id")
                                                            .asText()
                                                            .equals("t" + seed + "-" + i)
                                                    && java.util.Arrays.equals(
                                                            reply.outputData(), expected)) {
                                                correct++;
                                            }
                                        }
                                        return correct;
                                    }));
                }
                for (Future<Integer> r : results) {
                    assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo(20);
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(model.calls.get()).isEqualTo(160);
            assertThat(model.maxRunning.get()).isEqualTo(1);
        }
    }

    @Test
    void theServerSpeaksHttp11EvenToAClientThatOffersHttp2() throws Exception {
        for (HttpClient.Version version : HttpClient.Version.values()) {
            OipClient c = new OipClient(server.uri(), version);
            OipClient.Reply reply =
                    c.post(INFER, OipClient.inferBody(null, new int[] {3, 2, 2}, new float[12]));
            assertThat(reply.status()).as("client preferring %s", version).isEqualTo(200);
            assertThat(reply.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        }
    }

    @Test
    void stopLetsTheRequestInFlightFinishAndRefusesNewConnections() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeModels.Fake gated = FakeModels.gated(entered, release);
        InferenceServer s =
                new InferenceServer(gated, ServeSettings.builder("gated").build()).start();
        URI uri = s.uri();
        OipClient c = new OipClient(uri);
        CompletableFuture<OipClient.Reply> inFlight =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return c.post(
                                        "/v2/models/gated/infer",
                                        OipClient.inferBody(
                                                "last",
                                                new int[] {2, 1, 2},
                                                new float[] {1, 2, 3, 4}));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(s::stop);
        assertThat(waitUntilNotServed(uri))
                .as("new requests while draining")
                // Jetty closes the listening socket and starts refusing requests on open
                // connections (503) at about the same moment; any of these is a correct answer.
                .isIn("503", "connection refused", "connection closed");
        assertThat(inFlight).isNotDone();
        release.countDown();
        OipClient.Reply reply = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.outputData()).containsExactly(3f, 7f);
        stopping.get(30, TimeUnit.SECONDS);
        assertThat(s.awaitTermination(Duration.ofSeconds(30))).isTrue();
        assertThat(gated.closed).as("the server does not close the caller's model").isFalse();
        s.stop(); // idempotent
    }

    /** Polls readiness on fresh connections until it is not 200; returns what happened. */
    private static String waitUntilNotServed(URI uri) throws InterruptedException {
        for (int i = 0; i < 3000; i++) {
            try {
                OipClient.Reply r = new OipClient(uri).get("/v2/health/ready");
                if (r.status() != 200) {
                    return Integer.toString(r.status());
                }
            } catch (ConnectException refused) {
                return "connection refused";
            } catch (IOException closed) {
                return "connection closed";
            }
            Thread.sleep(10);
        }
        return "still served";
    }

    @Test
    void aPortInUseIsABadInputNamingTheAddress() {
        FakeModels.Fake model = FakeModels.channelSums(3, 2, 2);
        InferenceServer second =
                new InferenceServer(
                        model, ServeSettings.builder("sums").port(server.port()).build());
        assertThatThrownBy(second::start)
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("127.0.0.1:" + server.port());
    }

    @Test
    void awaitTerminationReturnsOnceStopped() throws Exception {
        InferenceServer s =
                new InferenceServer(FakeModels.identity(), ServeSettings.builder("echo").build())
                        .start();
        CompletableFuture<Void> waiter =
                CompletableFuture.runAsync(
                        () -> {
                            try {
                                s.awaitTermination();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        assertThat(waiter).isNotDone();
        s.close();
        waiter.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(s::port).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theAccessLogGetsOneRecordPerRequestWithTheErrorMessage() throws Exception {
        BlockingQueue<AccessRecord> records = new LinkedBlockingQueue<>();
        try (InferenceServer s =
                new InferenceServer(
                                FakeModels.identity(),
                                ServeSettings.builder("echo").accessLog(records::add).build())
                        .start()) {
            OipClient c = new OipClient(s.uri());
            c.post(
                    "/v2/models/echo/infer",
                    OipClient.inferBody(null, new int[] {1, 2, 2}, new float[4]));
            c.get("/v2/models/nope?x=1");
            AccessRecord ok = records.poll(30, TimeUnit.SECONDS);
            AccessRecord missing = records.poll(30, TimeUnit.SECONDS);
            assertThat(ok).isNotNull();
            assertThat(ok.method()).isEqualTo("POST");
            assertThat(ok.target()).isEqualTo("/v2/models/echo/infer");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.bytesIn()).isPositive();
            assertThat(ok.bytesOut()).isPositive();
            assertThat(ok.error()).isNull();
            assertThat(missing).isNotNull();
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.error()).contains("unknown model 'nope'");
            assertThat(missing.toLine())
                    .contains("\"GET /v2/models/nope?x=1 HTTP/1.1\" 404")
                    .contains("error=\"unknown model 'nope'")
                    .doesNotContain("\n");
        }
    }

    @Test
    void aPythonClientGetsTheSameFloats(@TempDir Path dir) throws Exception {
        assumeTrue(python3Available(), "needs python3 on the PATH for the urllib client check");
        float[] pixels = java.util.Arrays.copyOf(JsonFloatsTest.awkward(), 400);
        Path body = dir.resolve("body.json");
        Files.writeString(body, OipClient.inferBody("py", new int[] {100, 1, 2, 2}, pixels));
        try (InferenceServer echo =
                new InferenceServer(FakeModels.identity(), ServeSettings.builder("echo").build())
                        .start()) {
            // urllib sends Content-Type application/x-www-form-urlencoded unless told otherwise;
            // the floats are narrowed from Python's doubles as numpy.float32 would.
            String script =
                    "import json, struct, sys, urllib.request\n"
                            + "data = open(sys.argv[2], 'rb').read()\n"
                            + "r = urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=data), timeout=30)\n"
                            + "out = json.loads(r.read())\n"
                            + "print(r.status, out['id'], out['outputs'][0]['shape'])\n"
                            + "for v in out['outputs'][0]['data']:\n"
                            + "    print(struct.unpack('<I', struct.pack('<f', v))[0])\n";
            Process p =
                    new ProcessBuilder(
                                    "python3",
                                    "-c",
                                    script,
                                    echo.uri() + "/v2/models/echo/infer",
                                    body.toString())
                            .redirectErrorStream(true)
                            .start();
            List<String> lines =
                    new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .toList();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
            assertThat(lines.get(0)).isEqualTo("200 py [100, 4]");
            for (int i = 0; i < pixels.length; i++) {
                assertThat(Integer.parseUnsignedInt(lines.get(i + 1)))
                        .as("value %s", pixels[i])
                        .isEqualTo(Float.floatToRawIntBits(pixels[i]));
            }
        }
    }

    @Test
    void curlWithALargeBodyAndExpectContinueIsServed(@TempDir Path dir) throws Exception {
        assumeTrue(commandAvailable("curl"), "needs curl on the PATH for the curl client check");
        // curl -d sends application/x-www-form-urlencoded and, for large bodies,
        // "Expect: 100-continue"; ~1.7 MB of JSON here.
        FakeModels.Fake big = FakeModels.channelSums(2, 64, 32);
        float[] pixels = randomPixels(new SplittableRandom(3), 20 * 4096);
        Path body = dir.resolve("big.json");
        Files.writeString(body, OipClient.inferBody("curl", new int[] {20, 2, 64, 32}, pixels));
        assertThat(Files.size(body)).isGreaterThan(1 << 20);
        try (InferenceServer s =
                new InferenceServer(big, ServeSettings.builder("big").build()).start()) {
            Process p =
                    new ProcessBuilder(
                                    "curl",
                                    "-sS",
                                    "-H",
                                    "Expect: 100-continue",
                                    "-d",
                                    "@" + body,
                                    s.uri() + "/v2/models/big/infer")
                            .redirectErrorStream(true)
                            .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            JsonNode answer = OipClient.JSON.readTree(out);
            assertThat(answer.get("id").asText()).isEqualTo("curl");
            JsonNode data = answer.get("outputs").get(0).get("data");
            float[] expected =
                    FakeModels.sumChannels(new FloatTensor(new int[] {20, 2, 64, 32}, pixels))
                            .data();
            assertThat(data.size()).isEqualTo(40);
            for (int i = 0; i < 40; i++) {
                assertThat((float) data.get(i).doubleValue()).isEqualTo(expected[i]);
            }
        }
    }

    @Test
    void theSmallestThreadPoolAllowedStillServes() throws Exception {
        try (InferenceServer s =
                new InferenceServer(
                                FakeModels.identity(),
                                ServeSettings.builder("echo").maxThreads(4).build())
                        .start()) {
            OipClient.Reply reply =
                    new OipClient(s.uri())
                            .post(
                                    "/v2/models/echo/infer",
                                    OipClient.inferBody(
                                            null, new int[] {1, 2, 2}, new float[] {1, 2, 3, 4}));
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.outputData()).containsExactly(1, 2, 3, 4);
        }
    }

    private static boolean python3Available() {
        return commandAvailable("python3");
    }

    private static boolean commandAvailable(String command) {
        try {
            Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
