package dev.sensiprint.endpoint;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What one HTTP call gave: a reply with a status, or a failure to get one. */
public sealed interface HttpResult {

    /** How many attempts the call took (retries included). */
    int attempts();

    /** The same result, recording the number of attempts. */
    HttpResult withAttempts(int attempts);

    /**
     * A complete reply.
     *
     * @param status HTTP status code
     * @param headers response headers, names in lower case
     * @param body the whole body, never more than the transport's cap
     * @param attempts attempts made
     */
    record Reply(int status, Map<String, List<String>> headers, byte[] body, int attempts)
            implements HttpResult {

        public Reply {
            TreeMap<String, List<String>> lower = new TreeMap<>();
            headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            headers = java.util.Collections.unmodifiableMap(lower);
            if (body == null) {
                throw new IllegalArgumentException("body must not be null");
            }
        }

        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        @Override
        public Reply withAttempts(int n) {
            return new Reply(status, headers, body, n);
        }
    }

    /**
     * No usable reply.
     *
     * @param kind what went wrong, which decides whether a retry may help
     * @param message one line, no credentials
     * @param attempts attempts made
     */
    record Failure(Kind kind, String message, int attempts) implements HttpResult {

        public Failure {
            if (kind == null || message == null) {
                throw new IllegalArgumentException("kind and message are required");
            }
        }

        @Override
        public Failure withAttempts(int n) {
            return new Failure(kind, message, n);
        }
    }

    /** Kinds of failure. */
    enum Kind {
        /** The connection could not be made: refused, unreachable, connect timeout, no DNS. */
        CONNECT,
        /** The connection broke during the exchange (reset, closed mid-body). */
        IO,
        /** No complete answer within the request timeout. */
        TIMEOUT,
        /** TLS handshake failed (untrusted certificate, wrong host name). */
        TLS,
        /** The body was larger than the cap. */
        TOO_LARGE,
        /** The body came with a Content-Encoding that was not asked for. */
        ENCODING,
        /** The calling thread was interrupted. */
        INTERRUPTED,
        /** Anything else the HTTP client reported. */
        OTHER
    }
}
