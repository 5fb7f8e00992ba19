package dev.sensiprint.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns an engine's multi-line error (libtorch, ONNX Runtime) into one line for the user. */
final class EngineMessages {

    // libtorch's TorchScript errors open with a generic "The following operation failed in the
    // TorchScript interpreter." and a traceback; the cause is the last "RuntimeError: ..." line.
    private static final Pattern ERROR_LINE =
            Pattern.compile("(?m)^\\s*(\\w*(?:Error|Exception): .+)$");

    private EngineMessages() {}

    /**
     * The most telling line of the deepest message in the cause chain: its last {@code
     * SomethingError: ...} line when it has one, otherwise its first non-blank line.
     */
    static String summary(Throwable t) {
        String message = null;
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                message = c.getMessage();
            }
        }
        if (message == null) {
            return t.getClass().getSimpleName();
        }
        String last = null;
        Matcher m = ERROR_LINE.matcher(message);
        while (m.find()) {
            last = m.group(1).strip();
        }
        if (last != null) {
            return last;
        }
        for (String line : message.split("\\R")) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return message.strip();
    }
}
