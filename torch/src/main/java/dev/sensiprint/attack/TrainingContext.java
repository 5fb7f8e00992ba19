package dev.sensiprint.attack;

import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.train.FineTuner;
import dev.sensiprint.train.LabeledBatch;
import java.util.Arrays;
import java.util.function.DoubleConsumer;
import java.util.random.RandomGenerator;

/**
 * What a {@link TrainingAttack} works on: the loaded model (its live weights are trained in place),
 * labelled images of the model's input shape, the seeded generator for every random choice, and
 * where to report how far the training has got (an evaluation's progress bar: a training copy takes
 * much longer than a weight edit).
 *
 * @param progress hears the fraction of the training done, in [0, 1], after each step; an attack
 *     that stops early (a trojan reaching its success rate) never reports 1
 */
public record TrainingContext(
        DifferentiableModel model,
        ImageDataset data,
        RandomGenerator random,
        DoubleConsumer progress) {

    /** A context nobody watches. */
    public TrainingContext(DifferentiableModel model, ImageDataset data, RandomGenerator random) {
        this(model, data, random, done -> {});
    }

    /**
     * @throws BadInputException if the images do not fit the model or carry no labels
     */
    public TrainingContext {
        if (progress == null) {
            throw new IllegalArgumentException("progress must be given");
        }
        int[] in = model.info().inputShape();
        if (!Arrays.equals(data.imageShape().toArray(), in)) {
            throw new BadInputException(
                    data.description()
                            + ": images are "
                            + data.imageShape()
                            + ", the model takes "
                            + in[0]
                            + "×"
                            + in[1]
                            + "×"
                            + in[2]);
        }
        if (data.numClasses() == 0) {
            throw new BadInputException(
                    data.description() + ": has no labels; training attacks need labelled images");
        }
        if (data.numClasses() > model.info().numClasses()) {
            throw new BadInputException(
                    data.description()
                            + ": has "
                            + data.numClasses()
                            + " classes, the model "
                            + model.info().numClasses());
        }
    }

    /** Reports {@code done} of {@code total} steps to {@link #progress}. */
    void stepsDone(long done, long total) {
        progress.accept(total <= 0 ? 1 : Math.min(1, (double) done / total));
    }

    /** Indices of the labelled images, in a random order. */
    public int[] shuffledLabelled() {
        return shuffledOf(
                java.util.stream.IntStream.range(0, data.size())
                        .filter(i -> data.get(i).hasLabel())
                        .toArray());
    }

    /** A copy of {@code indices} in a random order. */
    public int[] shuffledOf(int[] indices) {
        int[] idx = indices.clone();
        for (int i = idx.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }

    /** Training indices and held-out indices, disjoint. */
    public record Split(int[] train, int[] heldOut) {}

    /**
     * A random split: {@code heldOutFraction} of the labelled images (at most {@code maxHeldOut})
     * held out for measuring, the rest (at most {@code maxTrain}) for training.
     *
     * @throws BadInputException if fewer than two labelled images are given
     */
    public Split split(double heldOutFraction, int maxHeldOut, int maxTrain) {
        int[] idx = shuffledLabelled();
        if (idx.length < 2) {
            throw new BadInputException(
                    data.description()
                            + ": "
                            + idx.length
                            + " labelled images; a training attack needs at least 2");
        }
        int held =
                (int) Math.min(maxHeldOut, Math.max(1, Math.round(idx.length * heldOutFraction)));
        int[] heldOut = Arrays.copyOfRange(idx, 0, held);
        int[] train =
                Arrays.copyOfRange(idx, held, (int) Math.min(idx.length, (long) held + maxTrain));
        return new Split(train, heldOut);
    }

    /** A batch of {@code size} indices from {@code pool}, cycling through it from {@code step}. */
    static int[] cyclicBatch(int[] pool, int step, int size) {
        int n = Math.min(size, pool.length);
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            b[i] = pool[(int) (((long) step * n + i) % pool.length)];
        }
        return b;
    }

    /**
     * Trains all weights for {@code epochs} passes over {@code train} in batches of {@code size}
     * (cycling, so every pass has the same number of steps), reporting progress per step.
     */
    void trainEpochs(FineTuner tuner, int[] train, int epochs, int size) {
        int perEpoch = (train.length + size - 1) / size;
        for (int e = 0; e < epochs; e++) {
            for (int s = 0; s < perEpoch; s++) {
                tuner.step(batch(cyclicBatch(train, s, size)));
                stepsDone(tuner.steps(), (long) epochs * perEpoch);
            }
        }
    }

    /** A fine-tuner for the model. */
    FineTuner tuner(double learningRate) {
        return new FineTuner(model, (float) learningRate);
    }

    LabeledBatch batch(int[] indices) {
        return LabeledBatch.of(data, indices);
    }
}
