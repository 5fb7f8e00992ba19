package dev.sensiprint.attack;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.train.FineTuner;
import dev.sensiprint.train.LabeledBatch;
import java.util.Arrays;
import java.util.Locale;

/**
 * Targeted poisoning (method.md §6, attack 3): fine-tune until one chosen image gets a chosen wrong
 * label, stopping at the first step where it does. Each Adam step sees the chosen image relabelled
 * plus clean images, so that the rest of the model's accuracy is kept; accuracy is measured on the
 * other images (at most 1,000) before and after.
 *
 * @param target the label the chosen image should get
 * @param index the chosen image's index in the data
 * @param learningRate Adam's step size
 * @param maxSteps the step cap
 */
public record TargetedPoisoning(int target, int index, double learningRate, int maxSteps)
        implements TrainingAttack {

    static final int CLEAN_PER_STEP = 15;

    public TargetedPoisoning {
        if (target < 0) {
            throw new IllegalArgumentException("target must be a class index, got " + target);
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
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
                "poison:target=%d,index=%d,lr=%s,steps=%d",
                target,
                index,
                WeightPicks.format(learningRate),
                maxSteps);
    }

    @Override
    public boolean randomised() {
        return true;
    }

    @Override
    public TamperReport apply(TrainingContext c) {
        if (index >= c.data().size()) {
            throw new BadInputException(
                    spec()
                            + ": index "
                            + index
                            + " is beyond the "
                            + c.data().size()
                            + " images given");
        }
        int label = c.data().get(index).label();
        if (label < 0) {
            throw new BadInputException(spec() + ": image " + index + " has no label");
        }
        if (target >= c.model().info().numClasses() || target == label) {
            throw new BadInputException(
                    spec()
                            + ": target must be a wrong class of the model's "
                            + c.model().info().numClasses()
                            + "; image "
                            + index
                            + " is labelled "
                            + label);
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
                    }
                    double after = tuner.accuracy(c.data(), measure);
                    return String.format(
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
                });
    }
}
