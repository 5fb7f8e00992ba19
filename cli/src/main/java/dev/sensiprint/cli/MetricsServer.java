package dev.sensiprint.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sensiprint.error.BadInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves {@code GET /metrics} in the Prometheus text format with the JDK's HTTP server: the watch
 * must stay light, and Jetty (which {@code serve} uses) would be a second server stack to load.
 */
final class MetricsServer implements AutoCloseable {

    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService pool;

    private MetricsServer(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    /**
     * Starts serving on {@code host:port} (port 0: any free one).
     *
     * @throws BadInputException when the address cannot be bound
     */
    static MetricsServer start(String host, int port, Supplier<String> metrics) {
        HttpServer s;
        try {
            s = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new BadInputException(
                    "--metrics-port: cannot listen on "
                            + host
                            + ":"
                            + port
                            + ": "
                            + e.getMessage());
        }
        ExecutorService pool =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "sensiprint-metrics");
                            t.setDaemon(true);
                            return t;
                        });
        s.setExecutor(pool);
        s.createContext("/metrics", ex -> answer(ex, metrics));
        s.createContext("/", ex -> send(ex, 404, "text/plain; charset=utf-8", "see /metrics\n"));
        s.start();
        return new MetricsServer(s, pool);
    }

    private static void answer(HttpExchange ex, Supplier<String> metrics) throws IOException {
        if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
            send(ex, 405, "text/plain; charset=utf-8", "GET only\n");
            return;
        }
        send(ex, 200, CONTENT_TYPE, metrics.get());
    }

    private static void send(HttpExchange ex, int status, String type, String body)
            throws IOException {
        try (ex) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            boolean head = "HEAD".equals(ex.getRequestMethod());
            ex.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getHostString();
        return URI.create("http://" + host + ":" + a.getPort() + "/metrics");
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
