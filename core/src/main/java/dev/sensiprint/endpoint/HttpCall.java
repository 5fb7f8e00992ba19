package dev.sensiprint.endpoint;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request to make.
 *
 * @param method GET or POST
 * @param uri absolute http(s) URI
 * @param headers request headers, in order
 * @param body request body, or null for none
 */
public record HttpCall(String method, URI uri, Map<String, String> headers, byte[] body) {

    public HttpCall {
        if (!"GET".equals(method) && !"POST".equals(method)) {
            throw new IllegalArgumentException("method must be GET or POST, got " + method);
        }
        if (uri == null || !uri.isAbsolute()) {
            throw new IllegalArgumentException("an absolute URI is required");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static HttpCall get(URI uri) {
        return new HttpCall("GET", uri, Map.of("Accept", "application/json"), null);
    }

    public static HttpCall postJson(URI uri, byte[] json) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/json");
        h.put("Content-Type", "application/json");
        return new HttpCall("POST", uri, h, json);
    }

    /** This call with one more header (replacing one of the same name). */
    public HttpCall withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        h.put(name, value);
        return new HttpCall(method, uri, h, body);
    }

    /** The call as a log line: method and URL without credentials or query. */
    @Override
    public String toString() {
        return method + " " + Urls.display(uri);
    }
}
