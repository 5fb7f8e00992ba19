package dev.sensiprint.error;

/**
 * The user gave something unusable: an unreadable or corrupt file, a wrongly signed fingerprint, an
 * option out of range, a model whose shape does not fit. Exit code 2.
 */
public final class BadInputException extends SensiPrintException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
