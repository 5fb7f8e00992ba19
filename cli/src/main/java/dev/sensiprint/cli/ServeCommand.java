package dev.sensiprint.cli;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.fingerprint.Preprocessing;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.model.TorchRuntime;
import dev.sensiprint.serve.InferenceServer;
import dev.sensiprint.serve.ServeSettings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sensiprint serve}: a model file behind the Open Inference Protocol (KServe v2 REST), as
 * any model server would serve it — the file's own input and output, no added preprocessing.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve a TorchScript or ONNX model over the Open Inference Protocol (KServe v2 REST)",
            "until interrupted. Clients send what the file expects (normalised inputs if the",
            "model does not normalise itself)."
        })
final class ServeCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "M.pt",
            description = "TorchScript (.pt) or ONNX (.onnx) model file.")
    Path model;

    @Option(
            names = "--input-shape",
            required = true,
            paramLabel = "C,H,W",
            description = "One input without the batch dimension.")
    String inputShape;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--host",
            defaultValue = ServeSettings.DEFAULT_HOST,
            description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;

    @Option(
            names = "--name",
            description = "Model name in URLs (default: the file name without extension).")
    String name;

    @Option(
            names = "--model-version",
            defaultValue = ServeSettings.DEFAULT_VERSION,
            description = "Model version (default: ${DEFAULT-VALUE}).")
    String version;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "libtorch intra-op threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--access-log", description = "Print one line per request on stderr.")
    boolean accessLog;

    @Override
    public Integer call() throws InterruptedException {
        int[] shape = ModelOptions.ints("--input-shape", inputShape);
        if (shape.length != 3) {
            throw new BadInputException("--input-shape must be C,H,W, got " + inputShape);
        }
        if (port < 0 || port > 65535) {
            throw new BadInputException("--port must be 0 to 65535, got " + port);
        }
        ModelSpec ms = servedSpec(model, shape);
        String modelName =
                name != null
                        ? name
                        : ServeSettings.nameFromFileName(model.getFileName().toString());
        var err = spec.commandLine().getErr();
        ServeSettings.Builder settings =
                ServeSettings.builder(modelName).modelVersion(version).host(host).port(port);
        if (accessLog) {
            settings.accessLog(
                    r -> {
                        err.println(r.toLine());
                        err.flush();
                    });
        }
        TorchRuntime.setIntraOpThreads(threads);
        try (InferenceModel m = ModelLoader.forInference(ms);
                InferenceServer server = new InferenceServer(m, settings.build()).start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "sensiprint-serve-stop"));
            var out = spec.commandLine().getOut();
            out.printf(
                    "serving %s (%s) at %s/v2/models/%s%n",
                    modelName, model, server.uri(), modelName);
            out.println("stop with Ctrl-C");
            out.flush();
            server.awaitTermination();
        }
        return ExitCode.OK;
    }

    /** The served artifact is the file itself: raw outputs, no normalisation added. */
    static ModelSpec servedSpec(Path file, int[] inputShape) {
        return new ModelSpec(
                file, inputShape, 0f, 1f, Preprocessing.NONE, Optional.of(OutputKind.LOGITS));
    }
}
