package dev.sensiprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.error.EndpointException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class MainTest {

    @Test
    void versionNamesTheProjectAndTheLibtorchItWasBuiltWith() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .containsPattern("sensiprint \\d+\\.\\d+\\.\\d+")
                .contains("libtorch 2.7.1");
    }

    @Test
    void helpListsTheExitCodes() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Exit codes:").contains("3").contains("TAMPERED");
    }

    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        // picocli formats descriptions with String.format and only warns (on System.err) when a
        // lone '%' breaks it, printing the raw text instead.
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (Class<?> command : SensiPrintCommand.COMMANDS) {
                String name = command.getAnnotation(Command.class).name();
                CliRun run = CliRun.of(name, "--help");
                assertThat(run.exitCode()).as(name).isZero();
                assertThat(run.out() + run.err()).as(name).doesNotContain("%n").isNotBlank();
            }
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitCode2() {
        CliRun run = CliRun.of("--no-such-option");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("--no-such-option");
    }

    @Test
    void badInputBecomesExitCode2WithOneLineAndNoStackTrace() {
        Failing failing = new Failing(new BadInputException("model.pt: no such file"));
        Outcome o = Outcome.run(failing);
        assertThat(o.code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(o.err.strip()).isEqualTo("failing: model.pt: no such file");
    }

    @Test
    void endpointFailureBecomesInconclusiveExitCode4() {
        Outcome o = Outcome.run(new Failing(new EndpointException("connection refused")));
        assertThat(o.code).isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(o.err).contains("INCONCLUSIVE: connection refused").doesNotContain("\tat ");
    }

    @Test
    void unexpectedFailureIsAnInternalErrorWithExitCode1() {
        Outcome o = Outcome.run(new Failing(new IllegalStateException("boom\nsecond line")));
        assertThat(o.code).isEqualTo(ExitCode.INTERNAL_ERROR);
        assertThat(o.err)
                .contains("internal error: IllegalStateException: boom")
                .doesNotContain("second line")
                .doesNotContain("\tat ");
    }

    @Command(name = "failing")
    record Failing(RuntimeException failure) implements Callable<Integer> {
        @Override
        public Integer call() {
            throw failure;
        }
    }

    private record Outcome(int code, String err) {
        static Outcome run(Object command) {
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(command);
            cli.setErr(new PrintWriter(err, true));
            cli.setExecutionExceptionHandler(new FailureHandler(false));
            return new Outcome(cli.execute(), err.toString());
        }
    }
}
