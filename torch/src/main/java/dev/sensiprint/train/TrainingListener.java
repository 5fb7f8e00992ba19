package dev.sensiprint.train;

import java.time.Duration;

/** Progress of a training run; every method has a no-op default. */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {};

    /** Before epoch {@code epoch} (1-based) of {@code epochs}, which has {@code batches} steps. */
    default void epochStarted(int epoch, int epochs, int batches) {}

    /** After each Adam step. */
    default void batchDone(int epoch, int batch, float loss) {}

    /** After each epoch, with the mean training loss and the test accuracy. */
    default void epochDone(
            int epoch, int epochs, double meanLoss, double testAccuracy, Duration elapsed) {}
}
