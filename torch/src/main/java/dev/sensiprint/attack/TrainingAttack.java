package dev.sensiprint.attack;

import java.util.random.RandomGenerator;

/**
 * An attack that changes W by training the model on labelled images (method.md §6: fine-tuning,
 * trojan, targeted poisoning, model swap), rather than by editing values directly. It needs the
 * loaded model and data, so it is applied through {@link Tampering} with a dataset, never to bare
 * host weights.
 */
public interface TrainingAttack extends Attack {

    @Override
    default boolean needsData() {
        return true;
    }

    /**
     * Checks, without training, that the attack fits the context's model and data (a target among
     * the model's classes, a chosen image that exists); {@link #apply(TrainingContext)} checks the
     * same. An evaluation calls it before the long work of building pools.
     *
     * @throws dev.sensiprint.error.BadInputException naming what does not fit
     */
    default void check(TrainingContext context) {}

    /**
     * Trains the context's model in place.
     *
     * @return what changed in W, with the attack's effect (accuracy, success rate) in the
     *     description
     */
    TamperReport apply(TrainingContext context);

    /**
     * @throws UnsupportedOperationException always: training needs the model; use {@link
     *     Tampering#applyInPlace(dev.sensiprint.model.DifferentiableModel, Attack, long,
     *     dev.sensiprint.data.ImageDataset)}
     */
    @Override
    default TamperReport apply(WeightSet weights, RandomGenerator random) {
        throw new UnsupportedOperationException(
                spec() + " trains the model; apply it through Tampering with a dataset");
    }
}
