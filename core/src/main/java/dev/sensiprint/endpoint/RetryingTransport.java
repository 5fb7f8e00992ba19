package dev.sensiprint.endpoint;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.random.RandomGenerator;

/** Repeats a call that failed in a way that may pass, as {@link RetryPolicy} decides. */
public final class RetryingTransport implements HttpTransport {

    /** Waits; replaced in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final HttpTransport inner;
    private final RetryPolicy policy;
    private final RandomGenerator random;
    private final Sleeper sleeper;

    public RetryingTransport(HttpTransport inner, RetryPolicy policy) {
        this(inner, policy, RandomGenerator.getDefault(), d -> Thread.sleep(d.toMillis()));
    }

    public RetryingTransport(
            HttpTransport inner, RetryPolicy policy, RandomGenerator random, Sleeper sleeper) {
        this.inner = inner;
        this.policy = policy;
        this.random = random;
        this.sleeper = sleeper;
    }

    @Override
    public HttpResult send(HttpCall call) {
        HttpResult result = null;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            result = inner.send(call).withAttempts(attempt);
            if (attempt == policy.maxAttempts() || !policy.isRetryable(result)) {
                return result;
            }
            try {
                sleeper.sleep(policy.delayAfter(attempt, retryAfter(result), random));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new HttpResult.Failure(
                        HttpResult.Kind.INTERRUPTED, call + ": interrupted", attempt);
            }
        }
        return result;
    }

    /** A {@code Retry-After} given in seconds; the HTTP-date form is ignored. */
    private static Duration retryAfter(HttpResult r) {
        if (r instanceof HttpResult.Reply reply) {
            String v = reply.header("Retry-After");
            if (v != null && v.strip().matches("\\d{1,6}")) {
                try {
                    return Duration.ofSeconds(Long.parseLong(v.strip()));
                } catch (NumberFormatException | DateTimeParseException e) {
                    return null;
                }
            }
        }
        return null;
    }

    @Override
    public String redact(String text) {
        return inner.redact(text);
    }

    @Override
    public String toString() {
        return "retry " + policy.maxAttempts() + "× over " + inner;
    }
}
