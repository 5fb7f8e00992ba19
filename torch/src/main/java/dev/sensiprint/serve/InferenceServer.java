package dev.sensiprint.serve;

import com.fasterxml.jackson.core.JsonFactory;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.model.InferenceModel;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A reference inference server: one model behind the Open Inference Protocol's REST API (KServe
 * v2), so that {@code sensiprint verify} can be tried against a model served over HTTP.
 *
 * <pre>{@code
 * try (InferenceModel model = ...; InferenceServer server = new InferenceServer(model,
 *         ServeSettings.builder("mnist").port(8080).build()).start()) {
 *     System.out.println("serving on " + server.uri());
 *     server.awaitTermination();   // until another thread (e.g. a shutdown hook) calls stop()
 * }
 * }</pre>
 *
 * <p>Endpoints: {@code GET /v2/health/live}, {@code GET /v2/health/ready}, {@code GET /v2}, {@code
 * GET /v2/models/{name}[/versions/{v}]}, {@code GET .../ready}, {@code POST .../infer}. Built on
 * Jetty 12's core handlers, HTTP/1.1 only (a client's h2c upgrade is ignored). Requests are served
 * concurrently; the model is called on one thread, one batch at a time ({@link SerialModel}
 * explains why). The server does not own the model: stopping it leaves the model open.
 */
public final class InferenceServer implements AutoCloseable {

    private enum State {
        NEW,
        STARTED,
        STOPPED
    }

    private final ServeSettings settings;
    private final Server server;
    private final ServerConnector connector;
    private final SerialModel model;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private State state = State.NEW;

    /** A server for {@code model}, not yet listening: call {@link #start()}. */
    public InferenceServer(InferenceModel model, ServeSettings settings) {
        if (model == null || settings == null) {
            throw new IllegalArgumentException("model and settings must be given");
        }
        this.settings = settings;
        JsonFactory json = OipJson.factory();
        this.model = new SerialModel(model, "sensiprint-model-" + settings.modelName());

        QueuedThreadPool pool =
                new QueuedThreadPool(settings.maxThreads(), Math.min(8, settings.maxThreads()));
        pool.setName("sensiprint-serve");
        server = new Server(pool);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // One acceptor and one selector: plenty for a reference server, and few threads on 2 cores.
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);

        OipHandler handler = new OipHandler(json, settings, model.info(), this.model);
        GracefulHandler graceful = new GracefulHandler(handler);
        // While stopping, a kept-alive connection with no request in flight is closed after this
        // long rather than Jetty's default second.
        graceful.setShutdownIdleTimeout(100);
        server.setHandler(graceful);
        server.setErrorHandler(new JsonErrorHandler(json));
        server.setStopTimeout(settings.stopTimeout().toMillis());
        server.setStopAtShutdown(false); // the command decides what a signal does
        if (settings.accessLog() != AccessLog.NONE) {
            server.setRequestLog(accessLog(settings.accessLog()));
        }
    }

    /**
     * Binds the port and starts answering.
     *
     * @return this server
     * @throws BadInputException if the address cannot be bound (in use, not local)
     * @throws IllegalStateException if the server was started or stopped before
     */
    public synchronized InferenceServer start() {
        if (state != State.NEW) {
            throw new IllegalStateException("the server was already started");
        }
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly();
            throw new BadInputException(
                    "cannot listen on "
                            + settings.host()
                            + ":"
                            + settings.port()
                            + ": "
                            + OipHandler.oneLine(e.getCause() != null ? e.getCause() : e),
                    e);
        } catch (Exception e) {
            stopQuietly();
            throw new IllegalStateException("the HTTP server failed to start", e);
        }
        state = State.STARTED;
        return this;
    }

    /** The port the server listens on (the ephemeral one chosen when settings asked for 0). */
    public synchronized int port() {
        if (state != State.STARTED) {
            throw new IllegalStateException("the server is not running");
        }
        return connector.getLocalPort();
    }

    /** The base address, e.g. {@code http://127.0.0.1:8080}; endpoints hang below {@code /v2}. */
    public URI uri() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create("http://" + host + ":" + port());
    }

    public ServeSettings settings() {
        return settings;
    }

    /**
     * Stops gracefully: stops accepting connections, lets requests in flight finish (up to the stop
     * timeout; new requests on open connections get 503), then stops the model thread. Idempotent;
     * callable from any thread, including a shutdown hook.
     */
    public void stop() {
        synchronized (this) {
            if (state == State.STOPPED) {
                return;
            }
            state = State.STOPPED;
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP server did not stop cleanly", e);
        } finally {
            try {
                model.close(settings.stopTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                model.close();
            }
            terminated.countDown();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Blocks until the server has stopped. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /** Blocks until the server has stopped or the time is up; true if it has stopped. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // already failing; the start error is the one to report
        }
        model.close();
        state = State.STOPPED;
        terminated.countDown();
    }

    private static RequestLog accessLog(AccessLog log) {
        return (Request request, Response response) -> {
            try {
                Object error = request.getAttribute(OipHandler.ERROR_ATTRIBUTE);
                log.log(
                        new AccessRecord(
                                Instant.ofEpochMilli(Request.getTimeStamp(request)),
                                Request.getRemoteAddr(request),
                                request.getMethod(),
                                request.getHttpURI().getPathQuery(),
                                request.getConnectionMetaData().getProtocol(),
                                response.getStatus(),
                                Request.getContentBytesRead(request),
                                Response.getContentBytesWritten(response),
                                Duration.ofNanos(System.nanoTime() - request.getBeginNanoTime()),
                                error instanceof String s ? s : null));
            } catch (RuntimeException ignored) {
                // a failing log must not fail the request
            }
        };
    }
}
