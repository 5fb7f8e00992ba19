package dev.sensiprint.serve;

import java.time.Duration;
import java.time.Instant;

/**
 * One answered request.
 *
 * @param time when the request arrived
 * @param remote the client's address
 * @param method the HTTP method
 * @param target the path and query as sent
 * @param protocol e.g. {@code HTTP/1.1}
 * @param status the status sent
 * @param bytesIn request body bytes read
 * @param bytesOut response body bytes written
 * @param elapsed from arrival to the end of the response
 * @param error the one-line message of an error response, or null
 */
public record AccessRecord(
        Instant time,
        String remote,
        String method,
        String target,
        String protocol,
        int status,
        long bytesIn,
        long bytesOut,
        Duration elapsed,
        String error) {

    /**
     * {@code 2026-01-01T10:00:00Z 127.0.0.1 "POST /v2/models/m/infer HTTP/1.1" 200 3132>412B
     * 1.9ms}.
     */
    public String toLine() {
        StringBuilder b =
                new StringBuilder(128)
                        .append(time)
                        .append(' ')
                        .append(remote)
                        .append(" \"")
                        .append(method)
                        .append(' ')
                        .append(target)
                        .append(' ')
                        .append(protocol)
                        .append("\" ")
                        .append(status)
                        .append(' ')
                        .append(bytesIn)
                        .append('>')
                        .append(bytesOut)
                        .append("B ")
                        .append(
                                String.format(
                                        java.util.Locale.ROOT, "%.1fms", elapsed.toNanos() / 1e6));
        if (error != null) {
            b.append(" error=\"").append(error.replace('"', '\'')).append('"');
        }
        return b.toString();
    }
}
