package dev.sensiprint.attack;

import dev.sensiprint.model.DifferentiableModel;
import java.util.Locale;
import java.util.function.Supplier;

/** Reports for training attacks: W before against W after, as for every attack. */
final class TrainingReports {

    private TrainingReports() {}

    /**
     * What a training run says about itself: one line for a human, and the measured effect (null
     * when nothing could be measured).
     */
    record Outcome(String description, TrainingEffect effect) {}

    /**
     * Runs {@code training} on the model's live weights and measures what it changed; {@code
     * training} returns the one-line description and the effect on accuracy it measured.
     */
    static TamperReport measure(
            String spec, DifferentiableModel model, Supplier<Outcome> training) {
        WeightSet host = LiveWeights.read(model.weights());
        TrainingEffect[] effect = new TrainingEffect[1];
        TamperReport report =
                TamperReport.measure(
                        spec,
                        host,
                        () -> {
                            Outcome outcome = training.get();
                            effect[0] = outcome.effect();
                            WeightSet after = LiveWeights.read(model.weights());
                            for (int t = 0; t < host.tensorCount(); t++) {
                                float[] dst = host.tensor(t).values();
                                System.arraycopy(after.tensor(t).values(), 0, dst, 0, dst.length);
                            }
                            return outcome.description();
                        });
        return effect[0] == null ? report : report.withEffect(effect[0]);
    }

    /**
     * The outcome of a run that measured accuracy on held-out images: {@code done} (what the run
     * did, one clause), then the accuracy before and after.
     */
    static Outcome withAccuracy(String done, double before, double after, int heldOut) {
        return new Outcome(
                String.format(
                        Locale.ROOT,
                        "%s; accuracy %s -> %s on %d held-out images",
                        done,
                        percent(before),
                        percent(after),
                        heldOut),
                TrainingEffect.accuracy(before, after, heldOut));
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }
}
