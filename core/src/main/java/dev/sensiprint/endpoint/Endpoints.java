package dev.sensiprint.endpoint;

import dev.sensiprint.error.BadInputException;

/** Builds endpoints and the standard HTTP transport. The one entry point the CLI needs. */
public final class Endpoints {

    private Endpoints() {}

    /**
     * The standard transport: User-Agent and auth headers, over bounded retries, over the JDK
     * client (HTTP/1.1, timeouts, capped bodies, no redirects, optional private CA).
     *
     * @throws BadInputException when the CA file cannot be read
     */
    public static HttpTransport transport(HttpSettings settings) {
        HttpTransport t = new JdkHttpTransport(settings);
        t = new RetryingTransport(t, settings.retry());
        return new HeaderTransport(t, settings.userAgent(), settings.auth());
    }

    /** An endpoint for the spec over the standard transport. */
    public static InferenceEndpoint create(EndpointSpec spec, HttpSettings settings) {
        return create(spec, transport(settings));
    }

    /** An endpoint for the spec over a given transport. */
    public static InferenceEndpoint create(EndpointSpec spec, HttpTransport transport) {
        return switch (spec.protocol()) {
            case OIP -> new OipEndpoint(spec, transport);
            case TFSERVING -> new TfServingEndpoint(spec, transport);
            case TORCHSERVE -> new TorchServeEndpoint(spec, transport);
        };
    }

    /**
     * An endpoint from command-line strings.
     *
     * @param url server base URL, or a protocol URL that names the model
     * @param protocol oip, tfserving or torchserve
     * @param model model name, or null when the URL names it
     * @param version model version, or null
     * @throws BadInputException for a bad URL, protocol or name
     */
    public static InferenceEndpoint create(
            String url, String protocol, String model, String version, HttpSettings settings) {
        EndpointSpec spec =
                EndpointSpec.builder(url, Protocol.fromId(protocol))
                        .model(model)
                        .version(version)
                        .build();
        return create(spec, settings);
    }
}
