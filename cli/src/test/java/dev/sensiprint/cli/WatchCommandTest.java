package dev.sensiprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.fingerprint.file.FingerprintWriter;
import dev.sensiprint.testing.FakeModel;
import dev.sensiprint.testing.FaultServer;
import dev.sensiprint.testing.TestFingerprints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sensiprint watch} against a fake OIP server that answers as the genuine model, then as
 * another model, then fails: verdict transitions, metrics scraped over HTTP, webhook bodies.
 */
class WatchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SAMPLES = 5;

    @TempDir Path dir;

    private final FakeModel genuine = new FakeModel(7, 12, TestFingerprints.CLASSES);
    private final FakeModel other = new FakeModel(8, 12, TestFingerprints.CLASSES);
    private FaultServer server;
    private FaultServer hook;
    private Path file;

    @BeforeEach
    void setUp() throws IOException {
        server = FaultServer.start();
        hook = FaultServer.start();
        hook.behave((ex, body, n) -> FaultServer.text(ex, 204, "text/plain", ""));
        Fingerprint fp = TestFingerprints.of(genuine, SAMPLES, ComparisonMode.EXACT);
        file = dir.resolve("fake.sfp");
        FingerprintWriter.unsigned().write(fp, file);
    }

    @AfterEach
    void tearDown() {
        server.close();
        hook.close();
    }

    /** The OIP metadata the endpoint reads once, then infer answers chosen by {@code answer}. */
    private void serve(Answer answer) {
        AtomicInteger inferences = new AtomicInteger();
        server.behave(
                (ex, body, n) -> {
                    if ("GET".equals(ex.getRequestMethod())) {
                        FaultServer.json(
                                ex,
                                200,
                                "{\"name\":\"fake\",\"inputs\":[{\"name\":\"input-0\","
                                        + "\"datatype\":\"FP32\",\"shape\":[-1,3,2,2]}]}");
                        return;
                    }
                    FakeModel m = answer.model(inferences.incrementAndGet());
                    if (m == null) {
                        FaultServer.json(ex, 503, "{\"error\":\"model is reloading\"}");
                        return;
                    }
                    JsonNode data = JSON.readTree(body).get("inputs").get(0).get("data");
                    float[] x = new float[data.size()];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (float) data.get(i).doubleValue();
                    }
                    StringBuilder y = new StringBuilder();
                    for (float v : m.apply(x)) {
                        y.append(y.length() == 0 ? "" : ",").append(Double.toString(v));
                    }
                    FaultServer.json(
                            ex,
                            200,
                            "{\"model_name\":\"fake\",\"outputs\":[{\"name\":\"logits\","
                                    + "\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":["
                                    + y
                                    + "]}]}");
                });
    }

    @FunctionalInterface
    private interface Answer {
        /** The model that answers inference request {@code n} (from 1), null for HTTP 503. */
        FakeModel model(int n) throws InterruptedException;
    }

    private List<String> args(String... more) {
        List<String> a =
                new ArrayList<>(
                        List.of(
                                "watch",
                                file.toString(),
                                "--endpoint",
                                server.base().toString(),
                                "--interval",
                                "10ms",
                                "--jitter",
                                "0%",
                                "--retries",
                                "0"));
        a.addAll(List.of(more));
        return a;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Map<String, Double> scrape(int port) throws Exception {
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + port + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        Map<String, Double> values = new HashMap<>();
        for (String line : r.body().lines().toList()) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return values;
    }

    private static List<String> verdicts(String out) {
        return out.lines().map(l -> l.replaceAll(".* verdict=(\\S+).*", "$1")).toList();
    }

    @Test
    void followsTheServerFromIntactToTamperedToInconclusiveWithMetricsAndWebhook()
            throws Exception {
        CountDownLatch sixthRoundStarted = new CountDownLatch(1);
        CountDownLatch scraped = new CountDownLatch(1);
        // Rounds of 5 queries: 1-2 genuine, 3-4 another model, 5-6 HTTP 503. The first query of
        // round 6 waits until the test has scraped, so the metrics show exactly rounds 1-5.
        serve(
                n -> {
                    if (n == 26) {
                        sixthRoundStarted.countDown();
                        scraped.await(60, TimeUnit.SECONDS);
                    }
                    return n <= 10 ? genuine : n <= 20 ? other : null;
                });
        int port = freePort();
        Instant before = Instant.now();
        CompletableFuture<CliRun> run =
                CompletableFuture.supplyAsync(
                        () ->
                                CliRun.of(
                                        args(
                                                        "--rounds",
                                                        "6",
                                                        "--metrics-port",
                                                        String.valueOf(port),
                                                        "--webhook",
                                                        hook.base() + "/hook")
                                                .toArray(String[]::new)));

        assertThat(sixthRoundStarted.await(60, TimeUnit.SECONDS)).isTrue();
        Map<String, Double> m;
        try {
            m = scrape(port);
        } finally {
            scraped.countDown();
        }
        CliRun done = run.get(60, TimeUnit.SECONDS);

        assertThat(m)
                .containsEntry("sensiprint_watch_verdict{verdict=\"INCONCLUSIVE\"}", 1.0)
                .containsEntry("sensiprint_watch_verdict{verdict=\"INTACT\"}", 0.0)
                .containsEntry("sensiprint_watch_verdict{verdict=\"TAMPERED\"}", 0.0)
                .containsEntry("sensiprint_watch_rounds_total{verdict=\"INTACT\"}", 2.0)
                .containsEntry("sensiprint_watch_rounds_total{verdict=\"TAMPERED\"}", 2.0)
                .containsEntry("sensiprint_watch_rounds_total{verdict=\"INCONCLUSIVE\"}", 1.0)
                .containsEntry("sensiprint_watch_mismatches", 0.0)
                .containsEntry("sensiprint_watch_mismatched_samples_total", 10.0)
                .containsEntry("sensiprint_watch_inconclusive_streak", 1.0)
                .containsEntry("sensiprint_watch_query_latency_seconds_count", 25.0)
                .containsEntry("sensiprint_watch_round_duration_seconds_count", 5.0);
        assertThat(m.keySet())
                .anyMatch(k -> k.startsWith("sensiprint_watch_query_latency_seconds_bucket{le="));
        assertThat(m.get("sensiprint_watch_last_intact_timestamp_seconds"))
                .isBetween(before.getEpochSecond() - 1.0, Instant.now().getEpochSecond() + 1.0);
        // The watcher's own footprint, for whoever scrapes it over months.
        assertThat(m.get("process_cpu_time_ns_total")).isPositive();
        assertThat(m.get("jvm_threads_live_threads")).isPositive();
        assertThat(m.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{area=\"heap\""));

        assertThat(done.exitCode()).as(done.err()).isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(verdicts(done.out()))
                .containsExactly(
                        "INTACT", "INTACT", "TAMPERED", "TAMPERED", "INCONCLUSIVE", "INCONCLUSIVE");
        assertThat(done.out().lines().toList().get(2))
                .contains("round=3")
                .contains("mismatches=5")
                .contains("latency_ms=");
        assertThat(done.err()).contains("metrics at http://127.0.0.1:" + port + "/metrics");

        List<JsonNode> posts = new ArrayList<>();
        for (FaultServer.Seen s : hook.requests()) {
            assertThat(s.method()).isEqualTo("POST");
            posts.add(JSON.readTree(s.body()));
        }
        assertThat(posts)
                .extracting(p -> p.get("verdict").asText())
                .containsExactly("INTACT", "TAMPERED", "INCONCLUSIVE");
        assertThat(posts)
                .extracting(p -> p.get("previous").asText(null))
                .containsExactly(null, "INTACT", "TAMPERED");
        assertThat(posts).extracting(p -> p.get("round").asInt()).containsExactly(1, 3, 5);
        assertThat(posts.get(1).get("mismatches").asInt()).isEqualTo(5);
        assertThat(posts.get(2).get("summary").asText()).contains("HTTP 503");
        assertThat(posts.get(0).get("fingerprint").asText()).isEqualTo(file.toString());
        assertThat(posts.get(0).get("model").asText()).isEqualTo("fake.pt");
    }

    @Test
    void serverErrorsMakeInconclusiveRoundsAndTheWatchGoesOn() {
        serve(n -> null);

        CliRun run = CliRun.of(args("--rounds", "3").toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(verdicts(run.out()))
                .containsExactly("INCONCLUSIVE", "INCONCLUSIVE", "INCONCLUSIVE");
        assertThat(run.out()).contains("HTTP 503").contains("failed=5");
        assertThat(server.requests().stream().filter(s -> s.method().equals("POST")).count())
                .isEqualTo(15);
    }

    @Test
    void aSubsetIsQueriedEachRoundAndAnIntactLastRoundExitsZero() {
        serve(n -> genuine);

        CliRun run = CliRun.of(args("--rounds", "2", "--sample", "2").toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(2).allMatch(l -> l.contains("queried=2"));
    }

    @Test
    void aWebhookThatFailsIsLoggedAndNeverFatal() {
        serve(n -> genuine);
        hook.behave((ex, body, n) -> FaultServer.text(ex, 500, "text/plain", "no"));

        CliRun run =
                CliRun.of(
                        args("--rounds", "2", "--webhook", hook.base() + "/hook")
                                .toArray(String[]::new));

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("webhook " + hook.base() + "/hook: HTTP 500");
    }

    @Test
    void badSchedulesAreUsageErrors() {
        serve(n -> genuine);
        CliRun jitter =
                CliRun.of(
                        "watch",
                        file.toString(),
                        "--endpoint",
                        server.base().toString(),
                        "--jitter",
                        "80%");
        assertThat(jitter.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(jitter.err().strip())
                .isEqualTo("sensiprint watch: --jitter must be 0% to 50% (or 0 to 0.5), got '80%'");
        CliRun interval =
                CliRun.of(
                        "watch",
                        file.toString(),
                        "--endpoint",
                        server.base().toString(),
                        "--interval",
                        "soon");
        assertThat(interval.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        CliRun rounds = CliRun.of(args("--rounds", "0").toArray(String[]::new));
        assertThat(rounds.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aMetricsPortInUseIsBadInputWithOneLine() throws Exception {
        serve(n -> genuine);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run =
                    CliRun.of(
                            args("--rounds", "1", "--metrics-port", "" + taken.getLocalPort())
                                    .toArray(String[]::new));

            assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(run.err().strip())
                    .startsWith("sensiprint watch: --metrics-port: cannot listen on 127.0.0.1:")
                    .doesNotContain("\n");
            assertThat(run.out()).isEmpty();
        }
    }
}
