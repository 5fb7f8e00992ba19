package dev.sensiprint.attack;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.train.FineTuner;
import dev.sensiprint.train.LabeledBatch;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Targeted poisoning (method.md §6, attack 3): fine-tune until one chosen image gets a chosen wrong
 * label, stopping at the first step where it does. Each Adam step sees the chosen image relabelled
 * plus clean images, so that the rest of the model's accuracy is kept; accuracy is measured on the
 * other images (at most 1,000) before and after.
 *
 * <p>The image and the label can be left to the seed ({@code index=any}, {@code target=any}): the
 * copies of an evaluation then poison different images towards different wrong labels.
 *
 * @param target the label the chosen image should get; empty: drawn from the wrong classes
 * @param index the chosen image's index in the data; empty: drawn from the labelled images
 * @param learningRate Adam's step size
 * @param maxSteps the step cap
 */
public record TargetedPoisoning(
        OptionalInt target, OptionalInt index, double learningRate, int maxSteps)
        implements TrainingAttack {

    static final int CLEAN_PER_STEP = 15;

    public TargetedPoisoning {
        if (target == null || index == null) {
            throw new IllegalArgumentException("target and index must be given (empty: any)");
        }
        if (target.isPresent() && target.getAsInt() < 0) {
            throw new IllegalArgumentException(
                    "target must be a class index, got " + target.getAsInt());
        }
        if (index.isPresent() && index.getAsInt() < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index.getAsInt());
        }
        TrainingChecks.requireLearningRate(learningRate);
        TrainingChecks.requireSteps(maxSteps);
    }

    @Override
    public String name() {
        return "poison";
    }

    @Override
    public String spec() {
        return String.format(
                Locale.ROOT,
                "poison:target=%s,index=%s,lr=%s,steps=%d",
                anyOr(target),
                anyOr(index),
                WeightPicks.format(learningRate),
                maxSteps);
    }

    @Override
    public boolean randomised() {
        return true;
    }

    private static String anyOr(OptionalInt v) {
        return v.isPresent() ? Integer.toString(v.getAsInt()) : "any";
    }

    @Override
    public void check(TrainingContext c) {
        if (index.isPresent()) {
            int i = index.getAsInt();
            if (i >= c.data().size()) {
                throw new BadInputException(
                        spec()
                                + ": index "
                                + i
                                + " is beyond the "
                                + c.data().size()
                                + " images given");
            }
            int label = c.data().get(i).label();
            if (label < 0) {
                throw new BadInputException(spec() + ": image " + i + " has no label");
            }
            if (target.isPresent()) {
                requireWrongClass(c, target.getAsInt(), i, label);
            }
        } else if (target.isPresent()) {
            requireWrongClass(c, target.getAsInt(), -1, -1);
        }
    }

    private void requireWrongClass(TrainingContext c, int target, int index, int label) {
        int classes = c.model().info().numClasses();
        if (target >= classes || target == label) {
            throw new BadInputException(
                    spec()
                            + ": target must be a wrong class of the model's "
                            + classes
                            + (index < 0 ? "" : "; image " + index + " is labelled " + label));
        }
    }

    @Override
    public TamperReport apply(TrainingContext c) {
        check(c);
        // Drawn only when left to the seed, so a fixed image and label train exactly as before.
        int index;
        if (this.index.isPresent()) {
            index = this.index.getAsInt();
        } else {
            int[] labelled =
                    java.util.stream.IntStream.range(0, c.data().size())
                            .filter(i -> c.data().get(i).hasLabel())
                            .toArray();
            if (labelled.length == 0) {
                throw new BadInputException(c.data().description() + ": has no labelled image");
            }
            index = labelled[c.random().nextInt(labelled.length)];
        }
        int label = c.data().get(index).label();
        int classes = c.model().info().numClasses();
        int target;
        if (this.target.isPresent()) {
            target = this.target.getAsInt();
            requireWrongClass(c, target, index, label);
        } else if (classes < 2) {
            throw new BadInputException(spec() + ": the model has no wrong class to poison to");
        } else {
            int t = c.random().nextInt(classes - 1);
            target = t >= label ? t + 1 : t;
        }
        int[] others = Arrays.stream(c.shuffledLabelled()).filter(i -> i != index).toArray();
        int[] measure = Arrays.copyOf(others, Math.min(1000, others.length));
        return TrainingReports.measure(
                spec(),
                c.model(),
                () -> {
                    FineTuner tuner = c.tuner(learningRate);
                    LabeledBatch chosen = c.batch(new int[] {index});
                    LabeledBatch poisoned =
                            new LabeledBatch(chosen.shape(), chosen.pixels(), new int[] {target});
                    int predictedBefore = tuner.predict(chosen)[0];
                    double before = tuner.accuracy(c.data(), measure);
                    int predicted = predictedBefore;
                    while (predicted != target && tuner.steps() < maxSteps) {
                        LabeledBatch clean =
                                others.length == 0
                                        ? poisoned
                                        : c.batch(
                                                TrainingContext.cyclicBatch(
                                                        others, tuner.steps(), CLEAN_PER_STEP));
                        tuner.step(
                                others.length == 0
                                        ? poisoned
                                        : LabeledBatch.concat(poisoned, clean));
                        predicted = tuner.predict(chosen)[0];
                        c.stepsDone(tuner.steps(), maxSteps);
                    }
                    double after = tuner.accuracy(c.data(), measure);
                    String description =
                            String.format(
                                    Locale.ROOT,
                                    "image %d (label %d) predicted %d -> %d after %d Adam steps%s;"
                                            + " accuracy %s -> %s on %d other images",
                                    index,
                                    label,
                                    predictedBefore,
                                    predicted,
                                    tuner.steps(),
                                    predicted == target
                                            ? ""
                                            : " (step cap hit before reaching " + target + ")",
                                    TrainingReports.percent(before),
                                    TrainingReports.percent(after),
                                    measure.length);
                    TrainingEffect.Change success =
                            new TrainingEffect.Change(
                                    predictedBefore == target ? 1 : 0,
                                    predicted == target ? 1 : 0,
                                    1);
                    // With no other labelled image there is no accuracy to report.
                    return new TrainingReports.Outcome(
                            description,
                            measure.length == 0
                                    ? null
                                    : TrainingEffect.withSuccess(
                                            new TrainingEffect.Change(
                                                    before, after, measure.length),
                                            success));
                });
    }
}
