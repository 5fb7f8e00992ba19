package dev.sensiprint.cli;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.error.EndpointException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become exit codes and one-line messages. Expected failures (bad
 * input, an unreachable server) never show a stack trace; an internal error shows one only with
 * {@code --debug} or {@code SENSIPRINT_DEBUG=1}, so that a bug report can carry it.
 */
final class FailureHandler implements IExecutionExceptionHandler {

    private final boolean debug;

    FailureHandler(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        int code;
        if (ex instanceof BadInputException) {
            code = ExitCode.BAD_INPUT;
            err.println(name + ": " + ex.getMessage());
        } else if (ex instanceof EndpointException) {
            code = ExitCode.INCONCLUSIVE;
            err.println(name + ": INCONCLUSIVE: " + ex.getMessage());
        } else {
            code = ExitCode.INTERNAL_ERROR;
            err.println(name + ": internal error: " + describe(ex));
            if (!debug) {
                err.println("(run with SENSIPRINT_DEBUG=1 for the stack trace)");
            }
        }
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + (line.isEmpty() ? "" : ": " + line);
    }
}
