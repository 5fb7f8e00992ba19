package dev.sensiprint.endpoint;

import dev.sensiprint.error.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A credential read from an environment variable or a file. Its value is never part of {@link
 * #toString()} or of any message; only where it came from is.
 */
public final class Secret {

    private final String value;
    private final String source;

    private Secret(String value, String source) {
        this.value = value;
        this.source = source;
    }

    /** Reads the variable {@code name} from the process environment. */
    public static Secret fromEnv(String name) {
        return fromEnv(name, System::getenv);
    }

    /** Reads the variable {@code name} through {@code env} (for tests). */
    public static Secret fromEnv(String name, UnaryOperator<String> env) {
        if (name == null || name.isBlank()) {
            throw new BadInputException("an environment variable name is required");
        }
        String v = env.apply(name);
        if (v == null || v.isBlank()) {
            throw new BadInputException("environment variable " + name + " is not set or empty");
        }
        return checked(v.strip(), "environment variable " + name);
    }

    /** Reads a file holding the credential; surrounding white space is dropped. */
    public static Secret fromFile(Path file) {
        String v;
        try {
            if (Files.size(file) > 64 * 1024) {
                throw new BadInputException("credential file " + file + " is larger than 64 KiB");
            }
            v = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new BadInputException("cannot read credential file " + file + ": " + e, e);
        }
        if (v.isEmpty()) {
            throw new BadInputException("credential file " + file + " is empty");
        }
        return checked(v, "file " + file);
    }

    private static Secret checked(String v, String source) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                // A line break would let the value end the header and start another.
                throw new BadInputException(
                        "credential from " + source + " contains a control character");
            }
        }
        return new Secret(v, source);
    }

    /** The value, for the one place that puts it on the wire. */
    String reveal() {
        return value;
    }

    /** Replaces every occurrence of the value in {@code text}. */
    String redact(String text) {
        return text == null ? null : text.replace(value, "***");
    }

    @Override
    public String toString() {
        return "secret from " + source;
    }
}
