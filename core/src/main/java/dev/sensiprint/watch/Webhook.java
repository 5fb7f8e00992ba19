package dev.sensiprint.watch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * POSTs a JSON body to a URL when the verdict changes (and on the first round, so that the receiver
 * learns the starting state). Delivery is best effort: one attempt with a time limit; a failure is
 * logged through {@code log} and never stops the watch.
 *
 * <p>Body: {@code {"event":"verdict-changed","verdict":..,"previous":..|null,"round":..,"time":..,
 * "summary":..,"queried":..,"mismatches":..,"failures":.., plus the context given}}.
 */
public final class Webhook implements RoundListener {

    private static final JsonFactory JSON = new JsonFactory();

    private final URI url;
    private final Map<String, String> context;
    private final Duration timeout;
    private final Consumer<String> log;
    private final HttpClient client;

    /**
     * @param url where to POST
     * @param context fields added to every body, e.g. the fingerprint and the endpoint
     * @param timeout time limit for connecting and for the whole request
     * @param log receives one line per failed delivery
     */
    public Webhook(URI url, Map<String, String> context, Duration timeout, Consumer<String> log) {
        String scheme = url.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("webhook URL must be http or https: " + url);
        }
        this.url = url;
        this.context = new TreeMap<>(context);
        this.timeout = timeout;
        this.log = log;
        // HTTP/1.1: some receivers (small Python services) refuse the HTTP/2 upgrade.
        this.client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    @Override
    public void roundCompleted(Round round) {
        if (!round.verdictChanged()) {
            return;
        }
        try {
            HttpRequest request =
                    HttpRequest.newBuilder(url)
                            .timeout(timeout)
                            .header("Content-Type", "application/json")
                            .header("User-Agent", "sensiprint-watch")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body(round)))
                            .build();
            HttpResponse<Void> response =
                    client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                log.accept("webhook " + url + ": HTTP " + response.statusCode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.accept("webhook " + url + ": interrupted");
        } catch (IOException | RuntimeException e) {
            log.accept("webhook " + url + ": " + describe(e));
        }
    }

    byte[] body(Round r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("event", "verdict-changed");
            g.writeStringField("verdict", r.verdict().name());
            if (r.previous() == null) {
                g.writeNullField("previous");
            } else {
                g.writeStringField("previous", r.previous().name());
            }
            g.writeNumberField("round", r.number());
            g.writeStringField("time", r.startedAt().toString());
            g.writeStringField("summary", r.verdict().summary());
            g.writeNumberField("queried", r.queried());
            g.writeNumberField("mismatches", r.mismatches());
            g.writeNumberField("failures", r.failures());
            for (Map.Entry<String, String> e : context.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        String first = m == null ? "" : m.lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
    }
}
