package dev.sensiprint.error;

/**
 * An expected failure: something the user can act on, reported as one line.
 *
 * <p>Library code throws subclasses of this; the command line maps each subclass to an exit code in
 * exactly one place. Any other throwable is an internal error.
 */
public abstract sealed class SensiPrintException extends RuntimeException
        permits BadInputException, EndpointException {

    protected SensiPrintException(String message) {
        super(message);
    }

    protected SensiPrintException(String message, Throwable cause) {
        super(message, cause);
    }
}
