package dev.sensiprint.attack;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link TrainingAttack} did to the model's behaviour, measured on images it did not train
 * on: the clean accuracy, and for attacks with a goal of their own the rate at which the goal is
 * met (trojan: triggered images sent to the target; poisoning: the chosen image given the chosen
 * label).
 *
 * @param accuracy top-1 accuracy on held-out images, before and after
 * @param success the attack's success rate before and after; empty when it has no goal of its own
 *     (fine-tuning, model swap)
 */
public record TrainingEffect(Change accuracy, Optional<Change> success) {

    public TrainingEffect {
        if (accuracy == null || success == null) {
            throw new IllegalArgumentException("accuracy and success must be given");
        }
    }

    /** An effect without a goal of its own. */
    public static TrainingEffect accuracy(double before, double after, int images) {
        return new TrainingEffect(new Change(before, after, images), Optional.empty());
    }

    /** An effect with the attack's success rate too. */
    public static TrainingEffect withSuccess(Change accuracy, Change success) {
        return new TrainingEffect(accuracy, Optional.of(success));
    }

    /**
     * A rate before and after the attack.
     *
     * @param before the rate before, in [0, 1]
     * @param after the rate after, in [0, 1]
     * @param images how many images it was measured on (for a mean over copies: per copy, the mean
     *     rounded down)
     */
    public record Change(double before, double after, int images) {

        public Change {
            if (!(before >= 0 && before <= 1) || !(after >= 0 && after <= 1)) {
                throw new IllegalArgumentException(
                        "rates must be in [0, 1], got " + before + " and " + after);
            }
            if (images < 1) {
                throw new IllegalArgumentException("images must be at least 1, got " + images);
            }
        }

        /** How much the rate fell: before − after (negative when it rose). */
        public double drop() {
            return before - after;
        }

        static Change mean(List<Change> changes) {
            double b = 0;
            double a = 0;
            long n = 0;
            for (Change c : changes) {
                b += c.before;
                a += c.after;
                n += c.images;
            }
            int k = changes.size();
            return new Change(clamp(b / k), clamp(a / k), (int) (n / k));
        }

        /** A mean of rates in [0, 1] can leave it by a rounding error. */
        private static double clamp(double v) {
            return Math.max(0, Math.min(1, v));
        }
    }

    /**
     * The mean effect over copies: accuracies averaged, success averaged when every copy has one.
     *
     * @return empty when {@code effects} is empty
     */
    public static Optional<TrainingEffect> mean(List<TrainingEffect> effects) {
        if (effects.isEmpty()) {
            return Optional.empty();
        }
        Change accuracy = Change.mean(effects.stream().map(TrainingEffect::accuracy).toList());
        Optional<Change> success =
                effects.stream().allMatch(e -> e.success().isPresent())
                        ? Optional.of(
                                Change.mean(effects.stream().map(e -> e.success().get()).toList()))
                        : Optional.empty();
        return Optional.of(new TrainingEffect(accuracy, success));
    }
}
