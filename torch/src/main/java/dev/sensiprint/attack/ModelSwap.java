package dev.sensiprint.attack;

import dev.sensiprint.train.FineTuner;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Model swap (method.md §6, attack 9): the same architecture re-initialised with another seed and
 * retrained, standing in for an operator who serves a different training run of "the same" model.
 *
 * <p>Every weight tensor is redrawn as PyTorch's default layer initialisation does: uniform in
 * ±1/√fan_in, fan_in the values per output unit of a weight (rank ≥ 2) and, for a bias, of the
 * weight before it; a rank-1 weight (a normalisation scale) restarts at 1 and its bias at 0. Then
 * all weights are trained with Adam on the data (a fifth, at most 1,000 images, held out for the
 * accuracy before and after).
 *
 * @param seed the seed of the new initial weights; empty: drawn from the tampering's generator
 * @param epochs passes over the training images
 * @param learningRate Adam's step size
 */
public record ModelSwap(OptionalLong seed, int epochs, double learningRate)
        implements TrainingAttack {

    /**
     * Training from scratch needs more than fine-tuning: on mnist_mlp_clean with 4,000 images, 5
     * epochs at 3e-3 gave 85.1 % (the original: 94.6 %), 1 epoch at 1e-3 about 30 %.
     */
    static final int DEFAULT_EPOCHS = 5;

    static final double DEFAULT_LEARNING_RATE = 3e-3;

    static final int BATCH = 32;

    public ModelSwap {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        TrainingChecks.requireLearningRate(learningRate);
    }

    @Override
    public String name() {
        return "swap";
    }

    @Override
    public String spec() {
        return "swap:"
                + (seed.isPresent() ? "seed=" + seed.getAsLong() + "," : "")
                + "epochs="
                + epochs
                + ",lr="
                + WeightPicks.format(learningRate);
    }

    @Override
    public boolean randomised() {
        return seed.isEmpty();
    }

    @Override
    public TamperReport apply(TrainingContext c) {
        long s = seed.isPresent() ? seed.getAsLong() : c.random().nextLong();
        TrainingContext.Split split = c.split(0.2, 1000, Integer.MAX_VALUE);
        return TrainingReports.measure(
                spec(),
                c.model(),
                () -> {
                    FineTuner tuner = c.tuner(learningRate);
                    double before = tuner.accuracy(c.data(), split.heldOut());
                    WeightSet w = LiveWeights.read(c.model().weights());
                    reinitialise(w, new SplittableRandom(s));
                    LiveWeights.write(w, c.model().weights());
                    int[] train = split.train();
                    c.trainEpochs(tuner, train, epochs, BATCH);
                    double after = tuner.accuracy(c.data(), split.heldOut());
                    return TrainingReports.withAccuracy(
                            String.format(
                                    Locale.ROOT,
                                    "re-initialised with seed %d and retrained on %d images, %d"
                                            + " epochs, %d Adam steps",
                                    s,
                                    train.length,
                                    epochs,
                                    tuner.steps()),
                            before,
                            after,
                            split.heldOut().length);
                });
    }

    static void reinitialise(WeightSet w, SplittableRandom random) {
        double bound = 0.1;
        boolean afterScale = false;
        for (WeightValues t : w.tensors()) {
            int[] shape = t.shape();
            float[] v = t.values();
            if (shape.length >= 2) {
                bound = 1 / Math.sqrt((double) v.length / shape[0]);
                afterScale = false;
                fill(v, bound, random);
            } else if (t.name().endsWith("weight")) {
                java.util.Arrays.fill(v, 1f);
                afterScale = true;
            } else if (afterScale) {
                java.util.Arrays.fill(v, 0f);
                afterScale = false;
            } else {
                fill(v, bound, random);
            }
        }
    }

    private static void fill(float[] v, double bound, SplittableRandom random) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ModelSwap[%s]", spec());
    }
}
