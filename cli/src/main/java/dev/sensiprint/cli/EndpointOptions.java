package dev.sensiprint.cli;

import dev.sensiprint.endpoint.AuthHeader;
import dev.sensiprint.endpoint.EndpointSpec;
import dev.sensiprint.endpoint.Endpoints;
import dev.sensiprint.endpoint.HttpSettings;
import dev.sensiprint.endpoint.HttpTransport;
import dev.sensiprint.endpoint.InferenceEndpoint;
import dev.sensiprint.endpoint.Layout;
import dev.sensiprint.endpoint.Protocol;
import dev.sensiprint.endpoint.RetryPolicy;
import dev.sensiprint.endpoint.Secret;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.fingerprint.ModelInfo;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Option;

/** Where the served model is and how to talk to it; shared by {@code verify} and {@code watch}. */
final class EndpointOptions {

    private static final String LOCAL = "local:";

    @Option(
            names = "--endpoint",
            required = true,
            paramLabel = "URL",
            description = {
                "The server's base URL (e.g. http://host:8080), or a full protocol URL that names",
                "the model; or local:FILE to run a TorchScript/ONNX file in this process."
            })
    String url;

    @Option(
            names = "--protocol",
            defaultValue = "oip",
            description =
                    "oip (Open Inference Protocol / KServe v2), tfserving or torchserve (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(
            names = "--model-name",
            paramLabel = "NAME",
            description =
                    "The served model's name (default: from the URL, else the fingerprinted file's name without extension).")
    String modelName;

    @Option(
            names = "--model-version",
            paramLabel = "V",
            description = "The served model's version.")
    String modelVersion;

    @Option(
            names = "--layout",
            defaultValue = "nchw",
            description =
                    "Input layout the server expects: nchw or nhwc (default: ${DEFAULT-VALUE}).")
    String layout;

    @Option(
            names = "--timeout",
            defaultValue = "10s",
            paramLabel = "DURATION",
            description =
                    "Time limit per request, e.g. 500ms, 10s, 1m (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(
            names = "--retries",
            defaultValue = "2",
            description =
                    "Retries after a connection failure, 429 or 502-504 (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(
            names = "--auth-env",
            paramLabel = "VAR",
            description =
                    "Send 'Authorization: Bearer <value of VAR>'; the token is never printed.")
    String authEnv;

    @Option(
            names = "--auth-file",
            paramLabel = "FILE",
            description = "Send 'Authorization: Bearer <first line of FILE>'.")
    Path authFile;

    @Option(
            names = "--ca-file",
            paramLabel = "PEM",
            description = "Trust only these CA certificates for https.")
    Path caFile;

    boolean isLocal() {
        return url.startsWith(LOCAL);
    }

    /** The HTTP transport being built in the background by {@link #prepare()}, or null. */
    private CompletableFuture<HttpTransport> transport;

    /**
     * Starts building the HTTP client on another thread, so that its start-up cost (the JDK client
     * initialises TLS eagerly, even for http URLs: a few hundred classes) overlaps with reading the
     * fingerprint file. Optional: {@link #open} builds it itself otherwise.
     */
    void prepare() {
        if (!isLocal() && transport == null) {
            transport = CompletableFuture.supplyAsync(() -> Endpoints.transport(httpSettings()));
        }
    }

    /** Opens the endpoint; for {@code local:} this loads libtorch, otherwise nothing native. */
    InferenceEndpoint open(ModelInfo model) {
        if (isLocal()) {
            return LocalEndpoints.open(Path.of(url.substring(LOCAL.length())), model);
        }
        HttpTransport t = transport != null ? join(transport) : Endpoints.transport(httpSettings());
        EndpointSpec spec =
                EndpointSpec.builder(url, Protocol.fromId(protocol))
                        .model(modelName)
                        .defaultModel(defaultModelName(model))
                        .version(modelVersion)
                        .layout(Layout.fromId(layout))
                        .build();
        return Endpoints.create(spec, t);
    }

    private static HttpTransport join(CompletableFuture<HttpTransport> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private HttpSettings httpSettings() {
        if (authEnv != null && authFile != null) {
            throw new BadInputException("give --auth-env or --auth-file, not both");
        }
        if (retries < 0 || retries > 10) {
            throw new BadInputException("--retries must be 0 to 10, got " + retries);
        }
        HttpSettings.Builder http =
                HttpSettings.builder()
                        .requestTimeout(Durations.parse("--timeout", timeout))
                        .retry(retryPolicy());
        if (caFile != null) {
            http.caFile(caFile);
        }
        if (authEnv != null) {
            http.auth(AuthHeader.bearer(Secret.fromEnv(authEnv)));
        } else if (authFile != null) {
            http.auth(AuthHeader.bearer(Secret.fromFile(authFile)));
        }
        return http.build();
    }

    private RetryPolicy retryPolicy() {
        RetryPolicy d = RetryPolicy.DEFAULT;
        return retries == 0
                ? RetryPolicy.NONE
                : new RetryPolicy(retries + 1, d.initialDelay(), d.maxDelay(), d.multiplier());
    }

    /** The fingerprinted file's name without its extension, e.g. {@code mnist_mlp_clean}. */
    static String defaultModelName(ModelInfo model) {
        String name = Path.of(model.fileName()).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Holder so that the torch classes load only when a local endpoint is asked for. */
    private static final class LocalEndpoints {
        static InferenceEndpoint open(Path file, ModelInfo model) {
            return dev.sensiprint.local.LocalEndpoint.open(file, model);
        }
    }
}
