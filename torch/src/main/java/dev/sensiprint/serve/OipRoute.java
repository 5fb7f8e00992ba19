package dev.sensiprint.serve;

import java.util.Optional;

/**
 * The endpoints of the Open Inference Protocol's REST API (KServe v2), parsed from a request path.
 * See the protocol's {@code inference_rest.md}: health, server and model metadata, model readiness,
 * and inference, with an optional {@code /versions/{v}} after the model name.
 */
sealed interface OipRoute {

    /** The one HTTP method the endpoint answers. */
    String method();

    /** {@code GET /v2/health/live}. */
    record ServerLive() implements OipRoute {
        @Override
        public String method() {
            return "GET";
        }
    }

    /** {@code GET /v2/health/ready}. */
    record ServerReady() implements OipRoute {
        @Override
        public String method() {
            return "GET";
        }
    }

    /** {@code GET /v2}. */
    record ServerMetadata() implements OipRoute {
        @Override
        public String method() {
            return "GET";
        }
    }

    /** An endpoint about one model; {@code version} is null when the path names none. */
    sealed interface ModelRoute extends OipRoute {
        String model();

        String version();
    }

    /** {@code GET /v2/models/{name}[/versions/{v}]}. */
    record ModelMetadata(String model, String version) implements ModelRoute {
        @Override
        public String method() {
            return "GET";
        }
    }

    /** {@code GET /v2/models/{name}[/versions/{v}]/ready}. */
    record ModelReady(String model, String version) implements ModelRoute {
        @Override
        public String method() {
            return "GET";
        }
    }

    /** {@code POST /v2/models/{name}[/versions/{v}]/infer}. */
    record Infer(String model, String version) implements ModelRoute {
        @Override
        public String method() {
            return "POST";
        }
    }

    /**
     * The endpoint a decoded path names, or empty when it names none. One trailing slash is
     * tolerated; empty segments are not.
     */
    static Optional<OipRoute> parse(String path) {
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        String p =
                path.length() > 1 && path.endsWith("/")
                        ? path.substring(0, path.length() - 1)
                        : path;
        String[] s = p.substring(1).split("/", -1);
        for (String segment : s) {
            if (segment.isEmpty()) {
                return Optional.empty();
            }
        }
        if (!s[0].equals("v2")) {
            return Optional.empty();
        }
        if (s.length == 1) {
            return Optional.of(new ServerMetadata());
        }
        if (s.length == 3 && s[1].equals("health")) {
            if (s[2].equals("live")) {
                return Optional.of(new ServerLive());
            }
            if (s[2].equals("ready")) {
                return Optional.of(new ServerReady());
            }
            return Optional.empty();
        }
        if (!s[1].equals("models") || s.length < 3) {
            return Optional.empty();
        }
        String model = s[2];
        String version = null;
        int rest = 3;
        if (s.length >= 5 && s[3].equals("versions")) {
            version = s[4];
            rest = 5;
        }
        if (s.length == rest) {
            return Optional.of(new ModelMetadata(model, version));
        }
        if (s.length == rest + 1) {
            if (s[rest].equals("ready")) {
                return Optional.of(new ModelReady(model, version));
            }
            if (s[rest].equals("infer")) {
                return Optional.of(new Infer(model, version));
            }
        }
        return Optional.empty();
    }
}
