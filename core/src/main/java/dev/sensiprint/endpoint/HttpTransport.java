package dev.sensiprint.endpoint;

/**
 * Makes HTTP calls. Behaviour is composed by wrapping (see {@link RetryingTransport}, {@link
 * HeaderTransport}) around the one class that touches the network, {@link JdkHttpTransport}.
 */
public interface HttpTransport {

    /** Makes the call; never throws for network trouble, which comes back as a failure. */
    HttpResult send(HttpCall call);

    /**
     * Removes secrets this transport knows from text that may echo them (a server can reflect a
     * request header into its error page). The default knows none.
     */
    default String redact(String text) {
        return text;
    }
}
