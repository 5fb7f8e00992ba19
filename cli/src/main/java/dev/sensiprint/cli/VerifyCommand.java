package dev.sensiprint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sensiprint.endpoint.InferenceEndpoint;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.file.FingerprintFile;
import dev.sensiprint.report.ReportWriter;
import dev.sensiprint.report.VerificationReport;
import dev.sensiprint.verify.VerificationResult;
import dev.sensiprint.verify.Verifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sensiprint verify}: query a served model with a fingerprint's samples and give the
 * verdict. Needs no libtorch unless the endpoint is {@code local:}.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Query a served model with the fingerprint's samples and say INTACT (exit 0),",
            "TAMPERED (exit 3) or INCONCLUSIVE (exit 4)."
        })
final class VerifyCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin FingerprintOptions fingerprint;

    @Mixin EndpointOptions endpoint;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            description = "label, topk, probs or exact (default: the fingerprint's).")
    String mode;

    @Option(
            names = "--sample",
            paramLabel = "K",
            description = "Query a random K of the samples (default: all).")
    Integer sample;

    @Option(
            names = "--seed",
            description = "Seed for the query order and subset (default: random, and reported).")
    Long seed;

    @Option(names = "--json", description = "Print the result as JSON on stdout.")
    boolean json;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description = {
                "Also write DIR/report.json and DIR/index.html (self-contained: previews,",
                "expected vs received outputs per sample). A report that cannot be written",
                "is exit 2, after the verdict is shown."
            })
    Path report;

    @Override
    public Integer call() throws Exception {
        endpoint.prepare();
        FingerprintFile f = fingerprint.read();
        Verifier.Builder b;
        VerificationResult result;
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        try (InferenceEndpoint ep = endpoint.open(f.fingerprint().model())) {
            b = Verifier.builder(ep);
            if (mode != null) {
                b.mode(parseMode(mode));
            }
            if (sample != null) {
                if (sample < 1 || sample > f.fingerprint().samples().size()) {
                    throw new BadInputException(
                            "--sample must be 1 to "
                                    + f.fingerprint().samples().size()
                                    + ", got "
                                    + sample);
                }
                b.subset(sample);
            }
            if (seed != null) {
                b.seed(seed);
            }
            result = b.build().verify(f.fingerprint());
        }
        Duration wallTime = Duration.ofNanos(System.nanoTime() - start);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(VerificationView.json(f, result)));
        } else {
            VerificationView.printText(f, result, out);
        }
        out.flush();
        if (report != null) {
            // Written after the verdict is shown: a failure here is exit 2 but never hides it.
            ReportWriter.write(
                    VerificationReport.of(
                            f, fingerprint.file.toString(), result, startedAt, wallTime),
                    report);
        }
        return VerificationView.exitCode(result.verdict());
    }

    static ComparisonMode parseMode(String text) {
        try {
            return ComparisonMode.fromId(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--mode: " + e.getMessage());
        }
    }
}
