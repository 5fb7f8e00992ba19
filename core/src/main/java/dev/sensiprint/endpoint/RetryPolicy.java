package dev.sensiprint.endpoint;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Bounded retries with exponential backoff and jitter.
 *
 * <p>Retried: failures to connect, connections that break mid-exchange, and HTTP 429, 502, 503, 504
 * (overload and gateway trouble, which pass). Never retried: any other status (a 4xx will not
 * change), a well-formed answer, a timeout (the server was reached and was too slow; retrying would
 * multiply the wait), TLS failures and refused bodies.
 *
 * @param maxAttempts attempts in total, at least 1 (1 = no retry)
 * @param initialDelay delay before the second attempt
 * @param maxDelay upper bound for any delay, including a server's {@code Retry-After}
 * @param multiplier growth of the delay per attempt, at least 1
 */
public record RetryPolicy(
        int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier) {

    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0);

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(4), 2.0);

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException(
                    "retry attempts must be between 1 and 20, got " + maxAttempts);
        }
        if (initialDelay == null
                || maxDelay == null
                || initialDelay.isNegative()
                || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException(
                    "retry delays must satisfy 0 <= initial <= max, got "
                            + initialDelay
                            + " and "
                            + maxDelay);
        }
        if (!(multiplier >= 1.0) || !Double.isFinite(multiplier)) {
            throw new IllegalArgumentException("retry multiplier must be >= 1, got " + multiplier);
        }
    }

    /** Whether a result is worth another attempt. */
    public boolean isRetryable(HttpResult result) {
        if (result instanceof HttpResult.Failure f) {
            return f.kind() == HttpResult.Kind.CONNECT || f.kind() == HttpResult.Kind.IO;
        }
        int s = ((HttpResult.Reply) result).status();
        return s == 429 || s == 502 || s == 503 || s == 504;
    }

    /**
     * The pause before attempt {@code failedAttempt + 1}: half the exponential delay fixed, half
     * random ("equal jitter"), so that many verifiers retrying together spread out. A server's
     * {@code Retry-After} raises it, never beyond {@link #maxDelay}.
     */
    public Duration delayAfter(int failedAttempt, Duration retryAfter, RandomGenerator random) {
        double base = initialDelay.toNanos() * Math.pow(multiplier, failedAttempt - 1);
        double capped = Math.min(base, maxDelay.toNanos());
        long nanos = (long) (capped / 2 + random.nextDouble() * capped / 2);
        if (retryAfter != null && retryAfter.toNanos() > nanos) {
            nanos = Math.min(retryAfter.toNanos(), maxDelay.toNanos());
        }
        return Duration.ofNanos(nanos);
    }
}
