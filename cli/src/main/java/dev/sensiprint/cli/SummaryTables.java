package dev.sensiprint.cli;

import dev.sensiprint.detection.DetectionCurves;
import dev.sensiprint.evaluation.AttackResult;
import dev.sensiprint.evaluation.EvaluationResult;
import dev.sensiprint.evaluation.FalsePositiveCheck;
import dev.sensiprint.evaluation.ModeDetection;
import dev.sensiprint.evaluation.PoolDetection;
import dev.sensiprint.evaluation.PoolKind;
import dev.sensiprint.evaluation.SamplePool;
import java.util.Locale;
import java.util.OptionalInt;

/** The evaluation's tables as Markdown (summary.md) and CSV (results.csv). */
final class SummaryTables {

    static final int[] SHOWN_N = {1, 5, 10};

    private SummaryTables() {}

    static String markdown(EvaluationResult r, String profile, String command) {
        StringBuilder b = new StringBuilder();
        b.append("# Detection of tampering: ").append(r.modelName()).append("\n\n");
        b.append("Command: `").append(command).append("`  \n");
        b.append(
                String.format(
                        Locale.ROOT,
                        "Profile %s: %d copies per randomised attack (1 for deterministic ones),"
                                + " pools of %d seeds from %s, max N %d, %d generator steps,"
                                + " keep label %s (margin floor %s), rng seed %d, %s threads;"
                                + " wall time %.1f s (pools %.1f s).\n\n",
                        profile,
                        r.settings().copies(),
                        r.settings().poolSize(),
                        r.seedsDescription(),
                        r.settings().maxN(),
                        r.settings().generator().steps(),
                        r.settings().generator().keepLabel(),
                        r.settings().generator().marginFloor(),
                        r.settings().rngSeed(),
                        r.environment().get("threads"),
                        r.seconds(),
                        r.poolSeconds()));
        b.append(
                "Detection rate = probability that a random N-subset of the pool holds at least"
                        + " one sample whose answer differs, averaged over the copies (exact"
                        + " hypergeometric). N(99.95 %) is searched over the whole pool; `MANC`"
                        + " = the first N samples in maximum-active-neuron-cover order instead of"
                        + " random subsets. FPR = share of benign variations (threads, batch,"
                        + " reload, evaluation path) under which any pool sample flagged on the"
                        + " clean model. Ratio = N(99.95 %) of natural / of this pool.\n\n");
        b.append("## Pools\n\n");
        b.append(
                "| pool | generated | kept | median margin | median gain S/S0 | median PSNR dB"
                        + " | neuron cover | probs tolerance | FPR label | FPR probs |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SamplePool p : r.pools()) {
            FalsePositiveCheck f = r.falsePositives(p.kind());
            b.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %d | %d | %s | %s | %s | %.1f %% | %s | %s | %s |\n",
                            p.kind().id(),
                            p.generated(),
                            p.size(),
                            Numbers.sig(p.medianMargin()),
                            Numbers.sig(p.medianGain()),
                            Double.isInfinite(p.medianPsnr())
                                    ? "∞"
                                    : Numbers.fixed(p.medianPsnr(), 1),
                            100 * p.coveredFraction(),
                            Numbers.sig(p.tolerance()),
                            Numbers.sig(f.rate(true)),
                            Numbers.sig(f.rate(false))));
        }
        for (boolean label : new boolean[] {true, false}) {
            b.append("\n## ")
                    .append(label ? "Label mode (top-1 only)" : "Probs mode (calibrated tolerance)")
                    .append("\n\n");
            b.append(
                    "| model | attack | copies | pool | N(99.95 %) | N(99.95 %) MANC | det N=1 |"
                            + " det N=5 | det N=10 | det N=max | FPR | natural/pool |\n");
            b.append("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (AttackResult a : r.attacks()) {
                for (PoolDetection p : a.pools()) {
                    ModeDetection m = label ? p.label() : p.probs();
                    b.append(
                            String.format(
                                    Locale.ROOT,
                                    "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
                                    r.modelName(),
                                    a.spec(),
                                    a.copies(),
                                    p.kind().id(),
                                    n(m.smallestN(DetectionCurves.PAPER_TARGET), m.poolSize()),
                                    n(
                                            m.smallestNInOrder(DetectionCurves.PAPER_TARGET),
                                            m.poolSize()),
                                    percent(m.rateAt(1)),
                                    percent(m.rateAt(5)),
                                    percent(m.rateAt(10)),
                                    percent(m.rateAt(Math.min(r.settings().maxN(), m.poolSize()))),
                                    Numbers.sig(r.falsePositives(p.kind()).rate(label)),
                                    p.kind() == PoolKind.NATURAL
                                            ? "1×"
                                            : a.naturalOver(
                                                            p.kind(),
                                                            label,
                                                            DetectionCurves.PAPER_TARGET)
                                                    .format()));
                }
            }
        }
        return b.toString();
    }

    static String csv(EvaluationResult r) {
        StringBuilder b =
                new StringBuilder(
                        "model,attack,copies,pool,pool_size,mode,n,random_subset_rate,manc_order_rate\n");
        for (AttackResult a : r.attacks()) {
            for (PoolDetection p : a.pools()) {
                for (boolean label : new boolean[] {true, false}) {
                    ModeDetection m = label ? p.label() : p.probs();
                    for (int n = 1; n <= m.poolSize(); n++) {
                        b.append(
                                String.format(
                                        Locale.ROOT,
                                        "%s,%s,%d,%s,%d,%s,%d,%.17g,%.17g\n",
                                        csvField(r.modelName()),
                                        csvField(a.spec()),
                                        a.copies(),
                                        p.kind().id(),
                                        m.poolSize(),
                                        label ? "label" : "probs",
                                        n,
                                        m.rateAt(n),
                                        m.inOrderAt(n)));
                    }
                }
            }
        }
        return b.toString();
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** N, or "> K" when the pool never reaches the target. */
    static String n(OptionalInt n, int poolSize) {
        return n.isPresent() ? Integer.toString(n.getAsInt()) : "> " + poolSize;
    }

    /**
     * A rate as a percentage, truncated (never rounded up) to two decimals, so that 99.949 % never
     * shows as the target 99.95 %; "—" when N exceeds the pool.
     */
    static String percent(double rate) {
        if (Double.isNaN(rate)) {
            return "—";
        }
        if (rate >= 1) {
            return "100";
        }
        return String.format(Locale.ROOT, "%.2f", Math.floor(rate * 10000 + 1e-9) / 100);
    }
}
