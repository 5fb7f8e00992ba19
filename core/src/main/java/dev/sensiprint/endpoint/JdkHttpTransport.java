package dev.sensiprint.endpoint;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The one class that touches the network: the JDK's {@link HttpClient}, configured for inference
 * servers.
 *
 * <ul>
 *   <li>HTTP/1.1 only: the JDK client otherwise offers an h2c upgrade on plain HTTP, which some
 *       Python servers (uvicorn/h11 behind older proxies) answer with an error or a hang.
 *   <li>Redirects are never followed: a verifier should talk to the URL it was given, and a
 *       redirect loop or a hop to another host must not be silent. A 3xx comes back as a reply.
 *   <li>The request timeout bounds the whole answer, body included (the JDK's own timeout stops at
 *       the headers, so a server dripping one byte a second would hold us forever).
 *   <li>Bodies are capped and encoded bodies refused ({@link BoundedBody}).
 * </ul>
 */
public final class JdkHttpTransport implements HttpTransport {

    private final HttpClient client;
    private final Duration requestTimeout;
    private final long maxResponseBytes;

    public JdkHttpTransport(HttpSettings settings) {
        HttpClient.Builder b =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(settings.connectTimeout());
        if (settings.caFile() != null) {
            b.sslContext(CaCertificates.sslContext(settings.caFile()));
        }
        this.client = b.build();
        this.requestTimeout = settings.requestTimeout();
        this.maxResponseBytes = settings.maxResponseBytes();
    }

    @Override
    public HttpResult send(HttpCall call) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(call.uri()).timeout(requestTimeout);
        call.headers().forEach(rb::header);
        rb.method(
                call.method(),
                call.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        BoundedBody body = new BoundedBody(maxResponseBytes);
        CompletableFuture<HttpResponse<byte[]>> future;
        try {
            future = client.sendAsync(rb.build(), body);
        } catch (IllegalArgumentException e) {
            return failure(HttpResult.Kind.OTHER, call + ": " + e.getMessage());
        }
        try {
            HttpResponse<byte[]> r = future.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new HttpResult.Reply(r.statusCode(), r.headers().map(), r.body(), 1);
        } catch (TimeoutException e) {
            future.cancel(true);
            body.cancel();
            return failure(HttpResult.Kind.TIMEOUT, timeoutMessage(call));
        } catch (InterruptedException e) {
            future.cancel(true);
            body.cancel();
            Thread.currentThread().interrupt();
            return failure(HttpResult.Kind.INTERRUPTED, call + ": interrupted");
        } catch (ExecutionException | CancellationException e) {
            return classify(call, e);
        }
    }

    private String timeoutMessage(HttpCall call) {
        return call + ": no complete answer within " + seconds(requestTimeout);
    }

    private HttpResult classify(HttpCall call, Exception e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BoundedBody.Refused r) {
                return failure(r.kind, call + ": " + r.getMessage());
            }
        }
        if (t instanceof HttpConnectTimeoutException) {
            return failure(HttpResult.Kind.CONNECT, call + ": connect timed out");
        }
        if (t instanceof HttpTimeoutException) {
            return failure(HttpResult.Kind.TIMEOUT, timeoutMessage(call));
        }
        if (t instanceof ConnectException) {
            return failure(HttpResult.Kind.CONNECT, call + ": connection refused or unreachable");
        }
        if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
            return failure(HttpResult.Kind.CONNECT, call + ": cannot resolve host");
        }
        if (t instanceof SSLException) {
            return failure(HttpResult.Kind.TLS, call + ": TLS failed: " + firstLine(t));
        }
        if (t instanceof IOException) {
            return failure(HttpResult.Kind.IO, call + ": connection broke: " + firstLine(t));
        }
        if (t instanceof CancellationException) {
            return failure(HttpResult.Kind.TIMEOUT, timeoutMessage(call));
        }
        return failure(HttpResult.Kind.OTHER, call + ": " + firstLine(t));
    }

    private static HttpResult.Failure failure(HttpResult.Kind kind, String message) {
        return new HttpResult.Failure(kind, message, 1);
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        m = m.lines().findFirst().orElse(m).strip();
        return m.length() > 160 ? m.substring(0, 160) + "…" : m;
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public String toString() {
        return "JdkHttpTransport[HTTP/1.1, timeout " + seconds(requestTimeout) + "]";
    }
}
