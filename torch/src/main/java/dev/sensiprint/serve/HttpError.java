package dev.sensiprint.serve;

/**
 * A request the server answers with an error status and {@code {"error": message}}, as the Open
 * Inference Protocol prescribes. Expected, so it carries no stack trace.
 */
final class HttpError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String allow;

    HttpError(int status, String message) {
        this(status, message, null);
    }

    private HttpError(int status, String message, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.allow = allow;
    }

    /** 405, with the method the endpoint does answer for the {@code Allow} header. */
    static HttpError methodNotAllowed(String method, String allowed, String path) {
        return new HttpError(
                405,
                "method " + method + " is not allowed on " + path + ", use " + allowed,
                allowed);
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    int status() {
        return status;
    }

    /** The {@code Allow} header of a 405, or null. */
    String allow() {
        return allow;
    }
}
