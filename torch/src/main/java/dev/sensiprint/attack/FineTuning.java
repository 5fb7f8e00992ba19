package dev.sensiprint.attack;

import dev.sensiprint.train.FineTuner;
import java.util.Locale;

/**
 * Fine-tunes all weights with Adam on {@code n} labelled images for a number of epochs (method.md
 * §6, attack 1: 1 epoch on 1,000 images at lr 1e-4 or 1e-3). Accuracy is measured before and after
 * on held-out images (a fifth of the data, at most 1,000) never trained on.
 *
 * @param learningRate Adam's step size
 * @param epochs passes over the training images
 * @param images n, the most training images used
 */
public record FineTuning(double learningRate, int epochs, int images) implements TrainingAttack {

    static final int DEFAULT_IMAGES = 1000;
    static final int BATCH = 32;

    public FineTuning {
        TrainingChecks.requireLearningRate(learningRate);
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (images < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + images);
        }
    }

    @Override
    public String name() {
        return "finetune";
    }

    @Override
    public String spec() {
        return "finetune:lr="
                + WeightPicks.format(learningRate)
                + ",epochs="
                + epochs
                + ",n="
                + images;
    }

    @Override
    public boolean randomised() {
        return true;
    }

    @Override
    public TamperReport apply(TrainingContext c) {
        TrainingContext.Split split = c.split(0.2, 1000, images);
        return TrainingReports.measure(
                spec(),
                c.model(),
                () -> {
                    FineTuner tuner = c.tuner(learningRate);
                    double before = tuner.accuracy(c.data(), split.heldOut());
                    int[] train = split.train();
                    c.trainEpochs(tuner, train, epochs, BATCH);
                    double after = tuner.accuracy(c.data(), split.heldOut());
                    return TrainingReports.withAccuracy(
                            String.format(
                                    Locale.ROOT,
                                    "fine-tuned all weights on %d images, %d epochs, %d Adam steps",
                                    train.length,
                                    epochs,
                                    tuner.steps()),
                            before,
                            after,
                            split.heldOut().length);
                });
    }
}
