package dev.sensiprint.serve;

/**
 * Receives one {@link AccessRecord} per answered request, on the thread that answered it. The
 * server never prints; a command that wants access logs passes e.g. {@code r ->
 * System.err.println(r.toLine())}. Must be fast and thread-safe; what it throws is ignored.
 */
@FunctionalInterface
public interface AccessLog {

    /** Logs nothing (the default). */
    AccessLog NONE = record -> {};

    void log(AccessRecord record);
}
