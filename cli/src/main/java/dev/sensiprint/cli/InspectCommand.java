package dev.sensiprint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sensiprint.fingerprint.file.FingerprintFile;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sensiprint inspect}: what a fingerprint file holds. Needs no libtorch. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Show a fingerprint file: model, comparison, signature and every sample.")
final class InspectCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin FingerprintOptions fingerprint;

    @Option(names = "--json", description = "Print JSON on stdout instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        FingerprintFile f = fingerprint.read();
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(FingerprintView.json(f)));
        } else {
            FingerprintView.printText(f, out);
        }
        out.flush();
        return ExitCode.OK;
    }
}
