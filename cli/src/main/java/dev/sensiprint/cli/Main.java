package dev.sensiprint.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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
        CommandLine cli = commandLine(debug, args);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /**
     * The command line for these arguments. When the first argument names a subcommand only that
     * one is registered, which saves picocli building the others' models at start-up (a large part
     * of a {@code verify}'s wall time); help, version and usage errors get them all.
     */
    static CommandLine commandLine(boolean debug, String... args) {
        // picocli already answers a usage error with exit code 2, as ExitCode.BAD_INPUT wants.
        CommandLine cli = new CommandLine(new SensiPrintCommand());
        String first = args.length > 0 ? args[0] : "";
        List<Class<?>> named =
                SensiPrintCommand.COMMANDS.stream().filter(c -> name(c).equals(first)).toList();
        for (Class<?> c : named.isEmpty() ? SensiPrintCommand.COMMANDS : named) {
            cli.addSubcommand(name(c), c);
        }
        cli.setExecutionExceptionHandler(new FailureHandler(debug));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }
}
