package dev.sensiprint.serve;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How an {@link InferenceServer} presents its model and what it accepts.
 *
 * @param modelName the name in {@code /v2/models/{name}}: letters, digits, {@code . _ -}
 * @param modelVersion the one version served, same characters as the name
 * @param host the address to bind; {@code 127.0.0.1} unless the user widens it
 * @param port the TCP port, 0 for an ephemeral one (read it back with {@link
 *     InferenceServer#port()})
 * @param maxBodyBytes the largest request body accepted; larger ones get 413 before or while being
 *     read, never buffered whole
 * @param maxBatch the most samples one inference request may carry (400 beyond)
 * @param maxThreads the size of the HTTP thread pool (requests wait for the model in turn)
 * @param stopTimeout how long a graceful stop waits for requests in flight
 * @param serverVersion the version reported by {@code GET /v2}
 * @param accessLog receives one record per answered request, or {@link AccessLog#NONE}
 */
public record ServeSettings(
        String modelName,
        String modelVersion,
        String host,
        int port,
        long maxBodyBytes,
        int maxBatch,
        int maxThreads,
        Duration stopTimeout,
        String serverVersion,
        AccessLog accessLog) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_VERSION = "1";
    public static final long DEFAULT_MAX_BODY_BYTES = 64L << 20;
    public static final int DEFAULT_MAX_BATCH = 256;
    public static final int DEFAULT_MAX_THREADS = 32;
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    /** Characters that stay literal in a URL path segment, so names need no escaping. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public ServeSettings {
        requireName("model name", modelName);
        requireName("model version", modelVersion);
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException(
                    "body limit must be at least 1024 bytes, got " + maxBodyBytes);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("batch limit must be positive, got " + maxBatch);
        }
        if (maxThreads < 4) {
            throw new IllegalArgumentException(
                    "the HTTP thread pool needs at least 4 threads, got " + maxThreads);
        }
        if (stopTimeout == null || stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stop timeout must be zero or positive");
        }
        if (serverVersion == null || serverVersion.isBlank()) {
            throw new IllegalArgumentException("server version must not be blank");
        }
        if (accessLog == null) {
            throw new IllegalArgumentException(
                    "access log must be given (AccessLog.NONE for none)");
        }
    }

    /** Settings with every default for a model served under {@code modelName}. */
    public static Builder builder(String modelName) {
        return new Builder(modelName);
    }

    /**
     * A model name derived from a file name: {@code mnist_mlp_clean.pt} gives {@code
     * mnist_mlp_clean}; characters a name may not hold become {@code _}.
     */
    public static String nameFromFileName(String fileName) {
        String base = fileName.replaceAll(".*[/\\\\]", "");
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        String name = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._-]+", "");
        if (name.isEmpty()) {
            return "model";
        }
        return name.length() > 128 ? name.substring(0, 128) : name;
    }

    private static void requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    what
                            + " must be 1-128 letters, digits, '.', '_' or '-' starting with a"
                            + " letter or digit, got "
                            + (value == null ? "null" : "'" + value + "'"));
        }
    }

    /** Builds {@link ServeSettings}; every setting but the model name has a default. */
    public static final class Builder {
        private final String modelName;
        private String modelVersion = DEFAULT_VERSION;
        private String host = DEFAULT_HOST;
        private int port;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxBatch = DEFAULT_MAX_BATCH;
        private int maxThreads = DEFAULT_MAX_THREADS;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private String serverVersion = defaultServerVersion();
        private AccessLog accessLog = AccessLog.NONE;

        private Builder(String modelName) {
            this.modelName = modelName;
        }

        public Builder modelVersion(String modelVersion) {
            this.modelVersion = modelVersion;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder maxBodyBytes(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder maxBatch(int maxBatch) {
            this.maxBatch = maxBatch;
            return this;
        }

        public Builder maxThreads(int maxThreads) {
            this.maxThreads = maxThreads;
            return this;
        }

        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        public Builder serverVersion(String serverVersion) {
            this.serverVersion = serverVersion;
            return this;
        }

        public Builder accessLog(AccessLog accessLog) {
            this.accessLog = accessLog;
            return this;
        }

        public ServeSettings build() {
            return new ServeSettings(
                    modelName,
                    modelVersion,
                    host,
                    port,
                    maxBodyBytes,
                    maxBatch,
                    maxThreads,
                    stopTimeout,
                    serverVersion,
                    accessLog);
        }

        private static String defaultServerVersion() {
            String v = ServeSettings.class.getPackage().getImplementationVersion();
            return v == null || v.isBlank() ? "dev" : v.toLowerCase(Locale.ROOT);
        }
    }
}
