package dev.sensiprint.attack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What an attack did to W, measured by comparing W before and after (never taken on the attack's
 * word).
 *
 * @param attack the attack's canonical spec, e.g. {@code prune:p=5}
 * @param touchedTensors names of the tensors with at least one changed value, in model order
 * @param changedValues values whose bit pattern changed (so {@code 0.0 → -0.0} counts)
 * @param totalValues values in W
 * @param maxAbsChange the largest |after − before|; infinite when a value became or was infinite or
 *     NaN, 0 when nothing changed
 * @param description one line for a human, e.g. which weight and bit a flip hit
 * @param effect what a training attack did to the model's behaviour (accuracy, success rate); empty
 *     for the attacks that edit W directly
 */
public record TamperReport(
        String attack,
        List<String> touchedTensors,
        long changedValues,
        long totalValues,
        double maxAbsChange,
        String description,
        Optional<TrainingEffect> effect) {

    /** A report without a measured effect on behaviour. */
    public TamperReport(
            String attack,
            List<String> touchedTensors,
            long changedValues,
            long totalValues,
            double maxAbsChange,
            String description) {
        this(
                attack,
                touchedTensors,
                changedValues,
                totalValues,
                maxAbsChange,
                description,
                Optional.empty());
    }

    public TamperReport {
        if (attack == null || attack.isBlank()) {
            throw new IllegalArgumentException("attack spec must not be blank");
        }
        if (touchedTensors == null) {
            throw new IllegalArgumentException("touched tensors must be given");
        }
        touchedTensors = List.copyOf(touchedTensors);
        if (changedValues < 0 || changedValues > totalValues) {
            throw new IllegalArgumentException(
                    "changed values " + changedValues + " not in 0.." + totalValues);
        }
        if (!(maxAbsChange >= 0)) {
            throw new IllegalArgumentException("max abs change must be >= 0, got " + maxAbsChange);
        }
        if ((changedValues == 0) != touchedTensors.isEmpty()) {
            throw new IllegalArgumentException(
                    changedValues + " changed values in " + touchedTensors.size() + " tensors");
        }
        if (description == null || description.isBlank() || description.contains("\n")) {
            throw new IllegalArgumentException("description must be one non-blank line");
        }
        if (effect == null) {
            throw new IllegalArgumentException("effect must be given (Optional.empty() for none)");
        }
    }

    /** This report with the attack's measured effect on behaviour. */
    public TamperReport withEffect(TrainingEffect e) {
        return new TamperReport(
                attack,
                touchedTensors,
                changedValues,
                totalValues,
                maxAbsChange,
                description,
                Optional.of(e));
    }

    /**
     * Runs {@code edit} on {@code weights} and reports the difference it made.
     *
     * @param attack the canonical spec of the attack doing the edit
     * @param edit changes {@code weights} in place and returns the one-line description
     */
    public static TamperReport measure(String attack, WeightSet weights, Supplier<String> edit) {
        WeightSet before = weights.copy();
        String description = edit.get();
        List<String> touched = new ArrayList<>();
        long changed = 0;
        double maxAbs = 0;
        for (int t = 0; t < weights.tensorCount(); t++) {
            float[] a = before.tensor(t).values();
            float[] b = weights.tensor(t).values();
            long inTensor = 0;
            for (int i = 0; i < a.length; i++) {
                if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                    inTensor++;
                    double d = Math.abs((double) b[i] - (double) a[i]);
                    maxAbs = Math.max(maxAbs, Double.isNaN(d) ? Double.POSITIVE_INFINITY : d);
                }
            }
            if (inTensor > 0) {
                touched.add(weights.tensor(t).name());
                changed += inTensor;
            }
        }
        return new TamperReport(
                attack, touched, changed, weights.totalValues(), maxAbs, description);
    }

    /** The fraction of W that changed. */
    public double changedFraction() {
        return totalValues == 0 ? 0 : (double) changedValues / totalValues;
    }

    /** One line: spec, counts, largest change, description. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "%s: %d of %d values changed in %d tensors, max |change| %.4g; %s",
                attack,
                changedValues,
                totalValues,
                touchedTensors.size(),
                maxAbsChange,
                description);
    }
}
