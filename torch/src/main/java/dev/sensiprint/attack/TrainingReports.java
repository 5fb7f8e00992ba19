package dev.sensiprint.attack;

import dev.sensiprint.model.DifferentiableModel;
import java.util.Locale;
import java.util.function.Supplier;

/** Reports for training attacks: W before against W after, as for every attack. */
final class TrainingReports {

    private TrainingReports() {}

    /**
     * Runs {@code training} on the model's live weights and measures what it changed; {@code
     * training} returns the one-line description.
     */
    static TamperReport measure(String spec, DifferentiableModel model, Supplier<String> training) {
        WeightSet host = LiveWeights.read(model.weights());
        return TamperReport.measure(
                spec,
                host,
                () -> {
                    String description = training.get();
                    WeightSet after = LiveWeights.read(model.weights());
                    for (int t = 0; t < host.tensorCount(); t++) {
                        float[] dst = host.tensor(t).values();
                        System.arraycopy(after.tensor(t).values(), 0, dst, 0, dst.length);
                    }
                    return description;
                });
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }
}
