package dev.sensiprint.train;

import java.time.Duration;

/**
 * What a training run produced, for reports and the model's README.
 *
 * @param testAccuracy top-1 accuracy on the recipe's test images after the last epoch
 * @param trainTime wall time of the epochs (data reading and export excluded)
 */
public record TrainingResult(
        TrainingRun run,
        int trainImages,
        int testImages,
        long parameters,
        double finalLoss,
        double testAccuracy,
        Duration trainTime) {}
