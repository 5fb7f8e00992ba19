package dev.sensiprint.endpoint;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How HTTP calls are made. Built with {@link #builder()}; every value is checked once.
 *
 * @param connectTimeout longest wait for a TCP (and TLS) connection
 * @param requestTimeout longest wait for a complete answer, body included, per attempt
 * @param retry retry policy
 * @param maxResponseBytes largest body accepted; a larger one is refused while being read
 * @param caFile PEM file of CA certificates to trust instead of the JDK's, or null
 * @param auth authentication header, or null
 * @param userAgent User-Agent header
 */
public record HttpSettings(
        Duration connectTimeout,
        Duration requestTimeout,
        RetryPolicy retry,
        long maxResponseBytes,
        Path caFile,
        AuthHeader auth,
        String userAgent) {

    public HttpSettings {
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(requestTimeout, "request timeout");
        if (retry == null) {
            throw new IllegalArgumentException("a retry policy is required");
        }
        if (maxResponseBytes < 1024 || maxResponseBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "response cap must be between 1 KiB and 2 GiB, got " + maxResponseBytes);
        }
        if (userAgent == null || userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("invalid User-Agent");
        }
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: 5 s to connect, 30 s per answer, 3 attempts, 16 MiB bodies, no auth. */
    public static HttpSettings defaults() {
        return builder().build();
    }

    /** Builds {@link HttpSettings}. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private long maxResponseBytes = 16L * 1024 * 1024;
        private Path caFile;
        private AuthHeader auth;
        private String userAgent = defaultUserAgent();

        private Builder() {}

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        public Builder retry(RetryPolicy policy) {
            this.retry = policy;
            return this;
        }

        public Builder maxResponseBytes(long bytes) {
            this.maxResponseBytes = bytes;
            return this;
        }

        public Builder caFile(Path pem) {
            this.caFile = pem;
            return this;
        }

        public Builder auth(AuthHeader header) {
            this.auth = header;
            return this;
        }

        public Builder userAgent(String ua) {
            this.userAgent = ua;
            return this;
        }

        public HttpSettings build() {
            return new HttpSettings(
                    connectTimeout,
                    requestTimeout,
                    retry,
                    maxResponseBytes,
                    caFile,
                    auth,
                    userAgent);
        }
    }

    private static String defaultUserAgent() {
        String v = HttpSettings.class.getPackage().getImplementationVersion();
        return v == null ? "sensiprint" : "sensiprint/" + v;
    }
}
