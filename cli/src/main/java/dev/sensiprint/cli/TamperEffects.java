package dev.sensiprint.cli;

import dev.sensiprint.attack.TrainingEffect;
import dev.sensiprint.evaluation.AttackResult;
import dev.sensiprint.evaluation.EvaluationResult;
import java.util.Locale;
import java.util.Optional;

/**
 * What the training attacks of an evaluation did to the model's behaviour, as a Markdown section:
 * held-out accuracy before and after and the attack's own success rate, averaged over the copies.
 * Empty when no attack measured any.
 */
final class TamperEffects {

    private TamperEffects() {}

    static String markdown(EvaluationResult r) {
        StringBuilder b = new StringBuilder();
        for (AttackResult a : r.attacks()) {
            Optional<TrainingEffect> mean = a.meanEffect();
            if (mean.isEmpty()) {
                continue;
            }
            if (b.length() == 0) {
                b.append("\n## What the training attacks changed (mean over copies)\n\n");
                b.append(
                        "Accuracy: top-1 on held-out images of the training data, never trained"
                                + " on. Success: trojan = triggered held-out images of other"
                                + " classes sent to the target; poison = the chosen image given"
                                + " the chosen label. Every copy's report is in results.json.\n\n");
                b.append(
                        "| attack | copies | accuracy before | accuracy after | drop (points) |"
                                + " success before | success after | held-out images |\n");
                b.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            }
            TrainingEffect e = mean.get();
            b.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %d | %.2f %% | %.2f %% | %.2f | %s | %s | %d |\n",
                            a.spec(),
                            a.copies(),
                            100 * e.accuracy().before(),
                            100 * e.accuracy().after(),
                            100 * e.accuracy().drop(),
                            e.success().map(s -> percent(s.before())).orElse("—"),
                            e.success().map(s -> percent(s.after())).orElse("—"),
                            e.accuracy().images()));
        }
        return b.toString();
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * rate);
    }
}
