package dev.sensiprint.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP server on 127.0.0.1 (port chosen by the OS) whose answer is whatever behaviour the
 * test sets: an honest inference server, or one that fails in a chosen way. Every request is
 * recorded.
 */
public final class FaultServer implements AutoCloseable {

    /** Answers one request; the request body has already been read. */
    @FunctionalInterface
    public interface Behaviour {
        void handle(HttpExchange exchange, byte[] body, int requestNumber) throws Exception;
    }

    /** A request as the server saw it. */
    public record Seen(
            String method,
            String path,
            String protocol,
            Map<String, List<String>> headers,
            byte[] body) {
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile Behaviour behaviour =
            (ex, body, n) -> text(ex, 500, "text/plain", "no behaviour set");

    private FaultServer(HttpServer server) {
        this.server = server;
        this.pool =
                Executors.newCachedThreadPool(
                        r -> {
                            Thread t = new Thread(r, "fault-server");
                            t.setDaemon(true);
                            return t;
                        });
        server.setExecutor(pool);
        server.createContext("/", this::dispatch);
        server.start();
    }

    public static FaultServer start() throws IOException {
        return new FaultServer(
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    public static FaultServer startTls(SSLContext ssl) throws IOException {
        HttpsServer s =
                HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(ssl));
        return new FaultServer(s);
    }

    public URI base() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    }

    public void behave(Behaviour b) {
        this.behaviour = b;
    }

    public List<Seen> requests() {
        return List.copyOf(seen);
    }

    private void dispatch(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            Map<String, List<String>> h = new TreeMap<>();
            ex.getRequestHeaders()
                    .forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            seen.add(
                    new Seen(
                            ex.getRequestMethod(),
                            ex.getRequestURI().getRawPath(),
                            ex.getProtocol(),
                            h,
                            body));
            try {
                behaviour.handle(ex, body, count.incrementAndGet());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // A fault on purpose (e.g. writing to a connection the client dropped).
            }
        }
    }

    /** Sends a complete answer with a Content-Length. */
    public static void text(HttpExchange ex, int status, String contentType, String body)
            throws IOException {
        bytes(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static void json(HttpExchange ex, int status, String body) throws IOException {
        text(ex, status, "application/json", body);
    }

    public static void bytes(HttpExchange ex, int status, String contentType, byte[] body)
            throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
