package dev.sensiprint.endpoint;

/** Adds the User-Agent and, when configured, the authentication header to every call. */
public final class HeaderTransport implements HttpTransport {

    private final HttpTransport inner;
    private final String userAgent;
    private final AuthHeader auth;

    /**
     * @param auth the authentication header, or null
     */
    public HeaderTransport(HttpTransport inner, String userAgent, AuthHeader auth) {
        this.inner = inner;
        this.userAgent = userAgent;
        this.auth = auth;
    }

    @Override
    public HttpResult send(HttpCall call) {
        HttpCall c = call.withHeader("User-Agent", userAgent);
        if (auth != null) {
            c = c.withHeader(auth.name(), auth.value());
        }
        return inner.send(c);
    }

    @Override
    public String redact(String text) {
        String t = inner.redact(text);
        return auth == null ? t : auth.secret().redact(t);
    }

    @Override
    public String toString() {
        return "headers[User-Agent"
                + (auth == null ? "" : ", " + auth.name() + " (" + auth.secret() + ")")
                + "] over "
                + inner;
    }
}
