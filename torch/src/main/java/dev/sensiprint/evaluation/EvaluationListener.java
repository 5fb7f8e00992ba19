package dev.sensiprint.evaluation;

/** Hears about progress over a whole evaluation, in units of work. */
public interface EvaluationListener {

    EvaluationListener NONE = new EvaluationListener() {};

    /** Called once, before any work, with the total. */
    default void started(long totalWork) {}

    /**
     * Some work was done.
     *
     * @param work units done since the last call
     * @param message a line worth showing on its own (a finished step), or null
     */
    default void advanced(long work, String message) {}
}
