package dev.sensiprint.endpoint;

import dev.sensiprint.error.BadInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which server, protocol and model to query, and how to shape the request.
 *
 * @param base server URL up to (not including) the protocol's own path, e.g. {@code
 *     http://host:8000} or {@code https://gateway/ns/svc}; no user info
 * @param protocol the protocol
 * @param model model name
 * @param version model version, or null for the server's default
 * @param inputName OIP input tensor name, or null to read it from the model metadata
 * @param outputName output to compare when the server returns several (OIP output tensor, TF
 *     Serving output key), or null to require exactly one
 * @param layout how image inputs go on the wire
 * @param signatureName TF Serving signature, or null for the default
 * @param torchServeBody request body format for TorchServe
 * @param classNames class names in index order, for TorchServe answers keyed by name; may be empty
 */
public record EndpointSpec(
        URI base,
        Protocol protocol,
        String model,
        String version,
        String inputName,
        String outputName,
        Layout layout,
        String signatureName,
        TorchServeEndpoint.Body torchServeBody,
        List<String> classNames) {

    /** Model names and versions go into URL paths: keep to characters that need no escaping. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._~-]{1,256}");

    private static final Pattern OIP_PATH =
            Pattern.compile("(.*)/v2/models/([^/]+)(?:/versions/([^/]+))?(?:/infer|/ready)?/?");
    private static final Pattern TF_PATH =
            Pattern.compile("(.*)/v1/models/([^/:]+)(?:/versions/([^/:]+))?(?::predict)?/?");
    private static final Pattern TS_PATH =
            Pattern.compile("(.*)/predictions/([^/]+)(?:/([^/]+))?/?");

    public EndpointSpec {
        if (base == null || protocol == null || layout == null || torchServeBody == null) {
            throw new IllegalArgumentException(
                    "base, protocol, layout and body format are required");
        }
        requireName(model, "model name");
        if (version != null) {
            requireName(version, "model version");
        }
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
    }

    private static void requireName(String s, String what) {
        if (s == null || !NAME.matcher(s).matches()) {
            throw new BadInputException(
                    what
                            + " '"
                            + (s == null ? "" : JsonClient.printable(s, 60))
                            + "' must be 1-256 characters of A-Z a-z 0-9 . _ ~ -");
        }
    }

    /**
     * Starts a spec from a URL. The URL may be the server's base or a protocol path that names the
     * model ({@code .../v2/models/NAME[/versions/V]/infer}, {@code
     * .../v1/models/NAME[/versions/V]:predict}, {@code .../predictions/NAME[/V]}).
     */
    public static Builder builder(String url, Protocol protocol) {
        return new Builder(parseUrl(url), protocol);
    }

    static URI parseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new BadInputException("an endpoint URL is required");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            // The reason names the position, not the text, which may hold a credential.
            throw new BadInputException(
                    "endpoint URL is not a valid URL ("
                            + e.getReason()
                            + " at index "
                            + e.getIndex()
                            + ")");
        }
        if (uri.getRawUserInfo() != null) {
            throw new BadInputException(
                    "endpoint URL must not carry credentials (user:password@); give an auth header from an environment variable or a file");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BadInputException(
                    "endpoint URL must start with http:// or https://, got " + Urls.display(uri));
        }
        if (uri.getHost() == null) {
            throw new BadInputException("endpoint URL has no host: " + Urls.display(uri));
        }
        try {
            // Drop any fragment; keep path and query.
            return new URI(
                    scheme
                            + "://"
                            + uri.getRawAuthority()
                            + (uri.getRawPath() == null ? "" : uri.getRawPath())
                            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            throw new BadInputException("endpoint URL is not a valid URL: " + e.getReason());
        }
    }

    @Override
    public String toString() {
        return protocol.id()
                + " "
                + Urls.display(base)
                + " model "
                + model
                + (version == null ? "" : " version " + version);
    }

    /** Builds an {@link EndpointSpec}. */
    public static final class Builder {
        private URI base;
        private final Protocol protocol;
        private String model;
        private String defaultModel;
        private String version;
        private String urlModel;
        private String urlVersion;
        private String inputName;
        private String outputName;
        private Layout layout = Layout.NCHW;
        private String signatureName;
        private TorchServeEndpoint.Body torchServeBody = TorchServeEndpoint.Body.DATA_FIELD;
        private List<String> classNames = List.of();

        private Builder(URI url, Protocol protocol) {
            if (protocol == null) {
                throw new BadInputException("a protocol is required");
            }
            this.protocol = protocol;
            this.base = url;
            Pattern p =
                    switch (protocol) {
                        case OIP -> OIP_PATH;
                        case TFSERVING -> TF_PATH;
                        case TORCHSERVE -> TS_PATH;
                    };
            String path = url.getRawPath() == null ? "" : url.getRawPath();
            Matcher m = p.matcher(path);
            if (m.matches()) {
                urlModel = m.group(2);
                urlVersion = m.group(3);
                String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
                this.base =
                        URI.create(
                                url.getScheme()
                                        + "://"
                                        + url.getRawAuthority()
                                        + m.group(1)
                                        + query);
            }
        }

        public Builder model(String name) {
            this.model = name;
            return this;
        }

        /** The model name used when neither {@link #model} nor the URL gives one. */
        public Builder defaultModel(String name) {
            this.defaultModel = name;
            return this;
        }

        public Builder version(String v) {
            this.version = v;
            return this;
        }

        public Builder inputName(String name) {
            this.inputName = name;
            return this;
        }

        public Builder outputName(String name) {
            this.outputName = name;
            return this;
        }

        public Builder layout(Layout l) {
            this.layout = l;
            return this;
        }

        public Builder signatureName(String name) {
            this.signatureName = name;
            return this;
        }

        public Builder torchServeBody(TorchServeEndpoint.Body body) {
            this.torchServeBody = body;
            return this;
        }

        public Builder classNames(List<String> names) {
            this.classNames = names;
            return this;
        }

        public EndpointSpec build() {
            String m = pick(model, urlModel, "model name");
            if (m == null) {
                m = defaultModel;
            }
            String v = pick(version, urlVersion, "model version");
            if (m == null) {
                throw new BadInputException(
                        "give the model name, or a URL that names it (e.g. " + example() + ")");
            }
            return new EndpointSpec(
                    base,
                    protocol,
                    m,
                    v,
                    blankToNull(inputName),
                    blankToNull(outputName),
                    layout,
                    blankToNull(signatureName),
                    torchServeBody,
                    classNames);
        }

        private String example() {
            return switch (protocol) {
                case OIP -> "http://host:8000/v2/models/NAME/infer";
                case TFSERVING -> "http://host:8501/v1/models/NAME:predict";
                case TORCHSERVE -> "http://host:8080/predictions/NAME";
            };
        }

        private static String pick(String given, String fromUrl, String what) {
            given = blankToNull(given);
            if (given != null && fromUrl != null && !given.equals(fromUrl)) {
                throw new BadInputException(
                        what
                                + " '"
                                + given
                                + "' differs from the one in the URL, '"
                                + fromUrl
                                + "'");
            }
            return given != null ? given : fromUrl;
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }
}
