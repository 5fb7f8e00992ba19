package dev.sensiprint.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code sensiprint} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(
                run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line and returns its exit code; never exits the JVM. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        boolean debug = "1".equals(System.getenv("SENSIPRINT_DEBUG"));
        CommandLine cli = commandLine(debug);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine(boolean debug) {
        // picocli already answers a usage error with exit code 2, as ExitCode.BAD_INPUT wants.
        CommandLine cli = new CommandLine(new SensiPrintCommand());
        cli.setExecutionExceptionHandler(new FailureHandler(debug));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }
}
