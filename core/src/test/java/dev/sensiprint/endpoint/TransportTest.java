package dev.sensiprint.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.error.BadInputException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportTest {

    private static final URI URL = URI.create("http://127.0.0.1:1/v2/models/m/infer");
    private static final HttpCall CALL = HttpCall.postJson(URL, new byte[] {'{', '}'});

    /** Answers with a script of results and records the calls it got. */
    private static final class Scripted implements HttpTransport {
        final Deque<HttpResult> script;
        final List<HttpCall> calls = new ArrayList<>();

        Scripted(HttpResult... results) {
            script = new ArrayDeque<>(List.of(results));
        }

        @Override
        public HttpResult send(HttpCall call) {
            calls.add(call);
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }

    private static HttpResult.Reply reply(int status) {
        return new HttpResult.Reply(status, Map.of(), new byte[0], 1);
    }

    private static HttpResult.Failure failure(HttpResult.Kind kind) {
        return new HttpResult.Failure(kind, "x", 1);
    }

    private final List<Duration> slept = new ArrayList<>();
    private final RetryPolicy policy =
            new RetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(300), 2.0);

    private RetryingTransport retrying(Scripted inner) {
        return new RetryingTransport(inner, policy, new SplittableRandom(1), slept::add);
    }

    @Test
    void retriesOverloadUntilAWellFormedAnswer() {
        Scripted inner = new Scripted(reply(503), reply(429), reply(200));

        HttpResult r = retrying(inner).send(CALL);

        assertThat(r).isInstanceOf(HttpResult.Reply.class);
        assertThat(((HttpResult.Reply) r).status()).isEqualTo(200);
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(slept).hasSize(2);
    }

    @Test
    void retriesConnectionFailuresAtMostMaxAttemptsTimes() {
        Scripted inner = new Scripted(failure(HttpResult.Kind.CONNECT));

        HttpResult r = retrying(inner).send(CALL);

        assertThat(inner.calls).hasSize(4);
        assertThat(r.attempts()).isEqualTo(4);
        assertThat(r).isInstanceOf(HttpResult.Failure.class);
    }

    @Test
    void neverRetriesClientErrorsTimeoutsOrRefusedBodies() {
        for (HttpResult once :
                List.of(
                        reply(400),
                        reply(404),
                        reply(500),
                        failure(HttpResult.Kind.TIMEOUT),
                        failure(HttpResult.Kind.TOO_LARGE),
                        failure(HttpResult.Kind.ENCODING),
                        failure(HttpResult.Kind.TLS))) {
            Scripted inner = new Scripted(once);
            retrying(inner).send(CALL);
            assertThat(inner.calls).as(once.toString()).hasSize(1);
        }
    }

    @Test
    void backoffGrowsWithJitterAndStaysUnderTheCap() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            Duration first = policy.delayAfter(1, null, random);
            Duration third = policy.delayAfter(3, null, random);
            assertThat(first).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(third).isBetween(Duration.ofMillis(150), Duration.ofMillis(300));
        }
    }

    @Test
    void retryAfterRaisesTheDelayButNotBeyondTheCap() {
        SplittableRandom random = new SplittableRandom(5);

        assertThat(policy.delayAfter(1, Duration.ofMillis(250), random))
                .isEqualTo(Duration.ofMillis(250));
        assertThat(policy.delayAfter(1, Duration.ofSeconds(60), random))
                .isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void retryAfterHeaderOfTheServerIsHonoured() {
        HttpResult.Reply busy =
                new HttpResult.Reply(503, Map.of("Retry-After", List.of("1")), new byte[0], 1);
        Scripted inner = new Scripted(busy, reply(200));

        retrying(inner).send(CALL);

        assertThat(slept).containsExactly(Duration.ofMillis(300));
    }

    @Test
    void headerTransportAddsUserAgentAndAuthAndRedactsTheSecret() {
        Scripted inner = new Scripted(reply(200));
        Secret secret = Secret.fromEnv("TOKEN", n -> "tok-123\n");
        HeaderTransport t =
                new HeaderTransport(inner, "sensiprint/test", AuthHeader.bearer(secret));

        t.send(CALL);

        HttpCall sent = inner.calls.get(0);
        assertThat(sent.headers())
                .containsEntry("User-Agent", "sensiprint/test")
                .containsEntry("Authorization", "Bearer tok-123");
        assertThat(t.redact("server said: Bearer tok-123 is bad"))
                .isEqualTo("server said: Bearer *** is bad");
        assertThat(t.toString()).doesNotContain("tok-123").contains("environment variable TOKEN");
        assertThat(sent.toString()).doesNotContain("tok-123");
    }

    @Test
    void customHeaderWithoutSchemeCarriesTheBareValue() {
        Scripted inner = new Scripted(reply(200));
        AuthHeader key = new AuthHeader("X-API-Key", "", Secret.fromEnv("K", n -> "k9"));

        new HeaderTransport(inner, "ua", key).send(CALL);

        assertThat(inner.calls.get(0).headers()).containsEntry("X-API-Key", "k9");
    }

    @Test
    void missingEnvironmentVariableIsBadInputNamingIt() {
        assertThatThrownBy(() -> Secret.fromEnv("NOPE_TOKEN", n -> null))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("NOPE_TOKEN");
    }

    @Test
    void secretFromFileIsTrimmedAndNeverPrinted(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("token");
        Files.writeString(f, "  file-secret-9\n");

        Secret s = Secret.fromFile(f);

        assertThat(s.reveal()).isEqualTo("file-secret-9");
        assertThat(s.toString()).doesNotContain("file-secret-9").contains("token");
        assertThat(new AuthHeader("Authorization", "Bearer", s).toString())
                .doesNotContain("file-secret-9");
    }

    @Test
    void secretWithALineBreakInsideIsRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("token");
        Files.writeString(f, "abc\r\nX-Injected: 1");

        assertThatThrownBy(() -> Secret.fromFile(f))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("control character")
                .hasMessageNotContaining("abc");
    }

    @Test
    void emptyOrMissingCredentialFileIsBadInput(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");

        assertThatThrownBy(() -> Secret.fromFile(empty))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Secret.fromFile(dir.resolve("none")))
                .isInstanceOf(BadInputException.class);
    }

    @Test
    void unreadableCaFileIsBadInput(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("ca.pem");
        Files.writeString(pem, "not a certificate");
        HttpSettings s = HttpSettings.builder().caFile(pem).build();

        assertThatThrownBy(() -> new JdkHttpTransport(s))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("ca.pem");
    }
}
