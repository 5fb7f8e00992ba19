package dev.sensiprint.endpoint;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sensiprint.error.EndpointException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON over an {@link HttpTransport}: turns every way a call can go wrong into an {@link
 * EndpointException} with one line that names the call, and every message that may echo server text
 * through {@link HttpTransport#redact}.
 */
final class JsonClient {

    /**
     * Servers write NaN and Infinity as bare tokens (Python's json module does), which strict JSON
     * forbids; we accept them so that the comparator can say "not comparable" instead of the parser
     * saying "malformed". Duplicate keys are refused: an answer with two "outputs" is ambiguous.
     * Trailing content after the value is refused: it means a broken body.
     */
    static final JsonMapper MAPPER =
            JsonMapper.builder()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private static final Pattern TITLE =
            Pattern.compile("<title[^>]*>([^<]{1,200})</title>", Pattern.CASE_INSENSITIVE);

    private final HttpTransport transport;

    JsonClient(HttpTransport transport) {
        this.transport = transport;
    }

    /** POSTs a JSON body and returns the parsed 2xx answer. */
    JsonNode post(URI uri, byte[] json) {
        return expectJson(HttpCall.postJson(uri, json));
    }

    /** GETs and returns the parsed 2xx answer. */
    JsonNode get(URI uri) {
        return expectJson(HttpCall.get(uri));
    }

    /** GETs and returns the reply whatever its status; fails only when there is no reply. */
    HttpResult.Reply getReply(URI uri) {
        HttpCall call = HttpCall.get(uri);
        return replyOf(call, transport.send(call));
    }

    /** An exception whose message has passed through redaction. */
    EndpointException fail(String message) {
        return new EndpointException(transport.redact(message));
    }

    EndpointException fail(String message, Throwable cause) {
        return new EndpointException(transport.redact(message), cause);
    }

    private JsonNode expectJson(HttpCall call) {
        HttpResult.Reply reply = replyOf(call, transport.send(call));
        if (reply.status() >= 300 && reply.status() < 400) {
            String loc = reply.header("Location");
            throw fail(
                    call
                            + ": redirected (HTTP "
                            + reply.status()
                            + (loc == null ? "" : " to " + locationDisplay(call.uri(), loc))
                            + "); redirects are not followed, give the final URL");
        }
        if (!reply.isSuccess()) {
            throw fail(
                    call
                            + ": HTTP "
                            + reply.status()
                            + attempts(reply.attempts())
                            + errorSummary(reply));
        }
        return parse(call, reply);
    }

    private HttpResult.Reply replyOf(HttpCall call, HttpResult result) {
        if (result instanceof HttpResult.Failure f) {
            throw fail(f.message() + attempts(f.attempts()));
        }
        return (HttpResult.Reply) result;
    }

    private JsonNode parse(HttpCall call, HttpResult.Reply reply) {
        byte[] body = reply.body();
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw fail(call + ": empty answer (HTTP " + reply.status() + ")");
        }
        if (looksLikeHtml(reply)) {
            throw fail(call + ": answered HTML, not JSON" + htmlSummary(body));
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw fail(call + ": empty answer");
            }
            return node;
        } catch (JsonEOFException e) {
            throw fail(call + ": truncated JSON (" + body.length + " bytes, ended mid-value)", e);
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            throw fail(
                    call
                            + ": malformed JSON"
                            + (at >= 0 ? " at byte " + at : "")
                            + ": "
                            + printable(e.getOriginalMessage(), 120),
                    e);
        } catch (IOException e) {
            throw fail(call + ": unreadable JSON: " + printable(e.getMessage(), 120), e);
        }
    }

    private static boolean looksLikeHtml(HttpResult.Reply reply) {
        String type = reply.header("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).contains("html")) {
            return true;
        }
        String head =
                new String(
                                reply.body(),
                                0,
                                Math.min(reply.body().length, 64),
                                StandardCharsets.UTF_8)
                        .stripLeading();
        return head.startsWith("<");
    }

    private static String htmlSummary(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8);
        Matcher m = TITLE.matcher(text);
        return m.find() ? " (page title '" + printable(m.group(1), 80) + "')" : "";
    }

    /** The server's own error text when it gave one ("error" or "message"), else a snippet. */
    private static String errorSummary(HttpResult.Reply reply) {
        byte[] body = reply.body();
        if (body.length == 0) {
            return "";
        }
        if (looksLikeHtml(reply)) {
            return ", HTML error page" + htmlSummary(body);
        }
        try {
            JsonNode n = MAPPER.readTree(body);
            for (String field : new String[] {"error", "message", "detail"}) {
                if (n != null && n.hasNonNull(field)) {
                    JsonNode v = n.get(field);
                    return ": " + printable(v.isTextual() ? v.asText() : v.toString(), 160);
                }
            }
        } catch (IOException e) {
            // Not JSON: fall through to a snippet.
        }
        return ": "
                + printable(
                        new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8),
                        160);
    }

    private static String locationDisplay(URI base, String location) {
        try {
            return Urls.display(base.resolve(location));
        } catch (IllegalArgumentException e) {
            return "an unparsable location";
        }
    }

    static String attempts(int n) {
        return n > 1 ? " after " + n + " attempts" : "";
    }

    /** One line of printable ASCII, at most {@code max} characters. */
    static String printable(String s, int max) {
        if (s == null) {
            return "";
        }
        String p = s.replaceAll("[^\\x20-\\x7e]+", " ").replaceAll(" {2,}", " ").strip();
        return p.length() > max ? p.substring(0, max) + "…" : p;
    }
}
