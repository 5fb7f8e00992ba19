package dev.sensiprint.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sensiprint.endpoint.InferenceEndpoint;
import dev.sensiprint.error.EndpointException;
import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.testing.FakeModel;
import dev.sensiprint.testing.FaultServer;
import dev.sensiprint.testing.TestFingerprints;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WatchTest {

    private final FakeModel genuine = new FakeModel(7, 12, TestFingerprints.CLASSES);
    private final FakeModel other = new FakeModel(8, 12, TestFingerprints.CLASSES);
    private final Fingerprint fingerprint = TestFingerprints.of(genuine, 5, ComparisonMode.EXACT);
    private static final Schedule FAST = new Schedule(Duration.ofMillis(1), 0);

    /** Answers by query number: genuine, then another model, then failures. */
    private static final class Scripted implements InferenceEndpoint {
        final AtomicInteger queries = new AtomicInteger();
        final List<float[]> inputs = new CopyOnWriteArrayList<>();
        private final java.util.function.IntFunction<FakeModel> script;

        Scripted(java.util.function.IntFunction<FakeModel> script) {
            this.script = script;
        }

        @Override
        public FloatTensor infer(FloatTensor input) {
            int n = queries.incrementAndGet();
            inputs.add(input.data());
            FakeModel m = script.apply(n);
            if (m == null) {
                throw new EndpointException("HTTP 503");
            }
            return FloatTensor.vector(m.apply(input.data()));
        }

        @Override
        public String describe() {
            return "scripted";
        }
    }

    private List<Round> run(Watch.Builder b) {
        List<Round> rounds = new ArrayList<>();
        b.schedule(FAST).random(new SplittableRandom(1)).listener(rounds::add).build().run();
        return rounds;
    }

    @Test
    void verdictsFollowTheServerFromIntactToTamperedToInconclusive() {
        Scripted ep = new Scripted(n -> n <= 10 ? genuine : n <= 20 ? other : null);

        List<Round> rounds = run(Watch.builder(ep, fingerprint).rounds(6));

        assertThat(rounds)
                .extracting(r -> r.verdict().name())
                .containsExactly(
                        "INTACT", "INTACT", "TAMPERED", "TAMPERED", "INCONCLUSIVE", "INCONCLUSIVE");
        assertThat(rounds).extracting(Round::number).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(rounds)
                .extracting(Round::verdictChanged)
                .containsExactly(true, false, true, false, true, false);
        assertThat(rounds.get(2).mismatches()).isEqualTo(5);
        assertThat(rounds.get(4).failures()).isEqualTo(5);
        assertThat(rounds.get(4).previous().name()).isEqualTo("TAMPERED");
        assertThat(rounds.get(0).previous()).isNull();
        assertThat(rounds.get(0).latencies()).hasSize(5);
    }

    @Test
    void eachRoundQueriesAFreshRandomSubset() {
        Scripted ep = new Scripted(n -> genuine);

        List<Round> rounds = run(Watch.builder(ep, fingerprint).subset(2).rounds(8));

        assertThat(rounds).allSatisfy(r -> assertThat(r.queried()).isEqualTo(2));
        assertThat(ep.inputs).hasSize(16);
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < 16; i += 2) {
            pairs.add(ep.inputs.get(i)[0] + "," + ep.inputs.get(i + 1)[0]);
        }
        assertThat(pairs.stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    void aRoundThatThrowsIsInconclusiveAndTheWatchGoesOn() {
        AtomicInteger n = new AtomicInteger();
        InferenceEndpoint ep =
                new InferenceEndpoint() {
                    @Override
                    public FloatTensor infer(FloatTensor input) {
                        if (n.incrementAndGet() == 1) {
                            throw new IllegalStateException("bug in a client\nsecond line");
                        }
                        return FloatTensor.vector(genuine.apply(input.data()));
                    }

                    @Override
                    public String describe() {
                        return "flaky";
                    }
                };

        List<Round> rounds = run(Watch.builder(ep, fingerprint).rounds(2));

        assertThat(rounds.get(0).verdict().name()).isEqualTo("INCONCLUSIVE");
        assertThat(rounds.get(0).verdict().summary())
                .contains("bug in a client")
                .doesNotContain("second line");
        assertThat(rounds.get(1).verdict().name()).isEqualTo("INTACT");
    }

    @Test
    void aFailingListenerIsReportedAndDoesNotStopTheWatch() {
        List<String> reported = new ArrayList<>();
        List<Round> rounds = new ArrayList<>();
        Watch.builder(new Scripted(n -> genuine), fingerprint)
                .schedule(FAST)
                .rounds(3)
                .listener(
                        r -> {
                            throw new IllegalStateException("listener " + r.number());
                        })
                .listener(rounds::add)
                .onListenerFailure((l, e) -> reported.add(e.getMessage()))
                .build()
                .run();

        assertThat(rounds).hasSize(3);
        assertThat(reported).containsExactly("listener 1", "listener 2", "listener 3");
    }

    @Test
    void stopEndsTheWatchDuringItsPause() throws Exception {
        Watch watch =
                Watch.builder(new Scripted(n -> genuine), fingerprint)
                        .schedule(new Schedule(Duration.ofHours(1), 0))
                        .build();
        Thread t = new Thread(watch::run);
        t.start();
        while (watch.completedRounds() < 1) {
            Thread.sleep(5);
        }
        watch.stop();
        t.join(30_000);

        assertThat(t.isAlive()).isFalse();
        assertThat(watch.completedRounds()).isEqualTo(1);
        assertThat(watch.isStopped()).isTrue();
    }

    @Test
    void jitteredDelaysStayWithinTheBandAndVary() {
        Schedule s = new Schedule(Duration.ofSeconds(100), 0.1);
        SplittableRandom r = new SplittableRandom(3);
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            delays.add(s.nextDelay(r));
        }
        assertThat(delays)
                .allSatisfy(
                        d ->
                                assertThat(d)
                                        .isBetween(
                                                Duration.ofSeconds(90), Duration.ofSeconds(110)));
        assertThat(delays.stream().distinct().count()).isGreaterThan(100);
        assertThat(new Schedule(Duration.ofSeconds(5), 0).nextDelay(r))
                .isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> new Schedule(Duration.ofSeconds(5), 0.6))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void webhookPostsOnlyWhenTheVerdictChanges() throws Exception {
        try (FaultServer hook = FaultServer.start()) {
            hook.behave((ex, body, n) -> FaultServer.text(ex, 204, "text/plain", ""));
            List<String> log = new ArrayList<>();
            Webhook w =
                    new Webhook(
                            URI.create(hook.base() + "/hook"),
                            Map.of("endpoint", "scripted"),
                            Duration.ofSeconds(5),
                            log::add);
            Scripted ep = new Scripted(n -> n <= 10 ? genuine : other);

            run(Watch.builder(ep, fingerprint).rounds(4).listener(w));

            assertThat(hook.requests()).hasSize(2);
            ObjectMapper json = new ObjectMapper();
            JsonNode first = json.readTree(hook.requests().get(0).body());
            JsonNode second = json.readTree(hook.requests().get(1).body());
            assertThat(hook.requests().get(0).method()).isEqualTo("POST");
            assertThat(hook.requests().get(0).header("Content-Type")).isEqualTo("application/json");
            assertThat(first.get("verdict").asText()).isEqualTo("INTACT");
            assertThat(first.get("previous").isNull()).isTrue();
            assertThat(first.get("round").asInt()).isEqualTo(1);
            assertThat(second.get("event").asText()).isEqualTo("verdict-changed");
            assertThat(second.get("verdict").asText()).isEqualTo("TAMPERED");
            assertThat(second.get("previous").asText()).isEqualTo("INTACT");
            assertThat(second.get("round").asInt()).isEqualTo(3);
            assertThat(second.get("mismatches").asInt()).isEqualTo(5);
            assertThat(second.get("endpoint").asText()).isEqualTo("scripted");
            assertThat(log).isEmpty();
        }
    }

    @Test
    void aFailingWebhookIsLoggedAndNeverFatal() throws Exception {
        List<String> log = new ArrayList<>();
        try (FaultServer hook = FaultServer.start()) {
            hook.behave((ex, body, n) -> FaultServer.text(ex, 500, "text/plain", "down"));
            Webhook w =
                    new Webhook(
                            URI.create(hook.base() + "/hook"),
                            Map.of(),
                            Duration.ofSeconds(5),
                            log::add);
            List<Round> rounds =
                    run(
                            Watch.builder(new Scripted(n -> n <= 5 ? genuine : other), fingerprint)
                                    .rounds(2)
                                    .listener(w));
            assertThat(rounds).hasSize(2);
        }
        assertThat(log).hasSize(2).allSatisfy(l -> assertThat(l).endsWith("HTTP 500"));

        Webhook unreachable =
                new Webhook(
                        URI.create("http://127.0.0.1:9/hook"),
                        Map.of(),
                        Duration.ofSeconds(2),
                        log::add);
        run(Watch.builder(new Scripted(n -> genuine), fingerprint).rounds(1).listener(unreachable));
        assertThat(log).hasSize(3);
        assertThat(log.get(2)).startsWith("webhook http://127.0.0.1:9/hook: ");
    }
}
