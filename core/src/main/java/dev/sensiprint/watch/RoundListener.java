package dev.sensiprint.watch;

/**
 * Told about every round of a watch, on the watch's thread, in round order. An exception thrown
 * here is caught and reported to {@link Watch.Builder#onListenerFailure}; it never stops the watch.
 */
@FunctionalInterface
public interface RoundListener {
    void roundCompleted(Round round);
}
