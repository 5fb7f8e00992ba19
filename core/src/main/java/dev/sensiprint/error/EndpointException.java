package dev.sensiprint.error;

/**
 * The inference server could not be queried, or answered something that cannot be compared. Never a
 * verdict of INTACT; exit code 4 (INCONCLUSIVE) when it ends a command.
 */
public final class EndpointException extends SensiPrintException {

    public EndpointException(String message) {
        super(message);
    }

    public EndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
