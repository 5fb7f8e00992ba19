package dev.sensiprint.cli;

import dev.sensiprint.detection.DetectionCurves;
import dev.sensiprint.evaluation.AttackResult;
import dev.sensiprint.evaluation.EvaluationResult;
import dev.sensiprint.evaluation.FalsePositiveCheck;
import dev.sensiprint.evaluation.JointOrder;
import dev.sensiprint.evaluation.ModeDetection;
import dev.sensiprint.evaluation.PoolDetection;
import dev.sensiprint.evaluation.PoolKind;
import dev.sensiprint.evaluation.PoolTuning;
import dev.sensiprint.evaluation.SamplePool;
import java.util.List;
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
                                + " RMS ball %s, C = %s, MANC on %s, keep label %s (margin floor %s),"
                                + " rng seed %d,"
                                + " %s threads;"
                                + " wall time %.1f s (pools %.1f s).\n\n",
                        profile,
                        r.settings().copies(),
                        r.settings().poolSize(),
                        r.seedsDescription(),
                        r.settings().maxN(),
                        r.settings().generator().steps(),
                        Numbers.sig(r.settings().generator().eps()),
                        r.settings().classes().id(),
                        r.settings().cover().id(),
                        r.settings().generator().keepLabel(),
                        r.settings().generator().marginFloor(),
                        r.settings().rngSeed(),
                        r.environment().get("threads"),
                        r.seconds(),
                        r.poolSeconds()));
        b.append(
                "Detection rate = probability that a random N-subset of the pool holds at least"
                        + " one sample whose answer differs, averaged over the copies (exact"
                        + " hypergeometric). N(99.95 %) is searched over the whole pool; `in order`"
                        + " = the first N samples in the pool's own order instead of random"
                        + " subsets: maximum active-neuron cover (MANC), or for `joint` and"
                        + " `joint_pairs` the flip cover of simulated changes. In order, a rate"
                        + " moves in steps of one copy. FPR = share of benign variations (threads, batch, reload,"
                        + " evaluation path) under which any pool sample flagged on the clean model."
                        + " Ratio = N(99.95 %) of natural / of this pool.\n\n");
        r.tuning().ifPresent(t -> b.append(tuningParagraph(r, t)));
        r.joints().forEach(j -> b.append(jointParagraph(j)));
        if (r.settings().buildsPairs()) {
            b.append(
                    pairsParagraph(
                            r.pool(r.has(PoolKind.PAIRS) ? PoolKind.PAIRS : PoolKind.JOINT_PAIRS)));
        }
        b.append("## Pools\n\n");
        b.append(
                "| pool | seeds | untunable | kept | median margin | median gain S/S0"
                        + " | median PSNR dB | neuron cover | order | probs tolerance | FPR label"
                        + " | FPR probs |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|\n");
        for (SamplePool p : r.pools()) {
            FalsePositiveCheck f = r.falsePositives(p.kind());
            b.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %d | %s | %d | %s | %s | %s | %.1f %% | %s | %s | %s | %s |\n",
                            p.kind().id(),
                            p.generated(),
                            p.kind().tuned() ? Integer.toString(p.untunable().size()) : "—",
                            p.size(),
                            Numbers.sig(p.medianMargin()),
                            Numbers.sig(p.medianGain()),
                            Double.isInfinite(p.medianPsnr())
                                    ? "∞"
                                    : Numbers.fixed(p.medianPsnr(), 1),
                            100 * p.coveredFraction(),
                            p.kind().order(),
                            Numbers.sig(p.tolerance()),
                            Numbers.sig(f.rate(true)),
                            Numbers.sig(f.rate(false))));
        }
        glance(b, r);
        for (boolean label : new boolean[] {true, false}) {
            b.append("\n## ")
                    .append(label ? "Label mode (top-1 only)" : "Probs mode (calibrated tolerance)")
                    .append("\n\n");
            b.append(
                    "| model | attack | copies | pool | N(99.95 %) | N(99.95 %) in order | det N=1 |"
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
                                    ratio(a, p.kind(), label)));
                }
            }
        }
        return b.toString();
    }

    /** natural / this pool, "1×" for natural itself, "—" without a natural pool. */
    private static String ratio(AttackResult a, PoolKind kind, boolean label) {
        if (kind == PoolKind.NATURAL) {
            return "1×";
        }
        if (!a.has(PoolKind.NATURAL)) {
            return "—";
        }
        return a.naturalOver(kind, label, DetectionCurves.PAPER_TARGET).format();
    }

    private static String tuningParagraph(EvaluationResult r, PoolTuning t) {
        StringBuilder u = new StringBuilder();
        for (SamplePool p : r.pools()) {
            if (p.kind().tuned() && EvaluationReport.ownSamples(r, p.kind())) {
                u.append(
                        String.format(
                                Locale.ROOT,
                                "%s`%s` %d of %d%s",
                                u.length() == 0 ? "" : ", ",
                                p.kind().id(),
                                p.untunable().size(),
                                p.generated() / p.kind().unit(),
                                p.kind().unit() == 2 ? " anchors without a twin" : ""));
            }
        }
        String where =
                t.measured()
                        ? String.format(
                                Locale.ROOT,
                                "measured on the clean model over %d samples (the seeds and, when"
                                        + " generated, the sensitive samples) under %s",
                                t.measuredOn(),
                                String.join(", ", t.variations()))
                        : "declared with --noise-floor";
        return String.format(
                Locale.ROOT,
                "Margin band: every margin pool was walked into [%s, %s] = [K·f, W·K·f], K = %s,"
                        + " W = %s, one noise floor f = %s %s. Untunable samples (left out of their"
                        + " pool): %s.\n\n",
                Numbers.sig(t.low()),
                Numbers.sig(t.high()),
                Numbers.sig(t.factor()),
                Numbers.sig(t.high() / t.low()),
                Numbers.sig(t.noiseFloor()),
                where,
                u.length() == 0 ? "none" : u);
    }

    private static String pairsParagraph(SamplePool p) {
        return String.format(
                Locale.ROOT,
                "Boundary pairs: `%s` holds each sensitive_margin sample (%s) beside its twin"
                        + " just across its decision boundary — the runner-up on top, at a margin"
                        + " in the same band — so that a weight change moving the"
                        + " boundary there by more than the margin, either way, flips one of the"
                        + " two. %d complete pairs: %d anchors had no twin, %d samples were dropped"
                        + " by calibration (a pair goes whole); its seeds and kept columns count"
                        + " samples, two per pair. N counts queries: random N = N/2 random pairs,"
                        + " and an odd N adds one random member of one more pair; in order ="
                        + " a1, b1, a2, b2, ...\n\n",
                p.kind().id(),
                p.kind() == PoolKind.PAIRS
                        ? "in its MANC order"
                        : "pair by pair in flip-cover order",
                p.size() / 2,
                p.untunable().size(),
                p.droppedByCalibration());
    }

    private static String jointParagraph(JointOrder j) {
        PoolKind base = j.pool().reordering().orElseThrow();
        return String.format(
                Locale.ROOT,
                "Joint order: `%s` holds the `%s` pool's %s, ordered%s by greedy flip cover over %d"
                        + " simulated changes (`%s`, %d draws of each randomised family, seeds from"
                        + " 2^40); the whole pool catches %.1f %% of them. Its random-subset curve is"
                        + " `%s`'s; its in-order curve is the one that counts.%s\n\n",
                j.pool().id(),
                base.id(),
                j.pool().unit() == 1 ? "samples" : "pairs",
                j.pool().unit() == 1
                        ? ""
                        : " pair by pair (a pair catches when either member flips)",
                j.changes(),
                String.join(";", j.families()),
                j.draws(),
                100 * j.caught(),
                base.id(),
                j.inSample().isEmpty()
                        ? ""
                        : " In-sample (marked †): "
                                + String.join(", ", j.inSample())
                                + " — a copy of these is one of the simulated changes, so the"
                                + " order was chosen on it.");
    }

    /**
     * Label mode at a glance: per attack and pool, N(99.95 %) by random subsets and in order, then
     * the in-order rates at N = 1, 5, 10.
     */
    private static void glance(StringBuilder b, EvaluationResult r) {
        List<PoolKind> kinds = r.pools().stream().map(SamplePool::kind).toList();
        for (boolean rates : new boolean[] {false, true}) {
            b.append(
                    rates
                            ? "\n## Label mode, in order: detection % at N = 1 / 5 / 10\n\n"
                            : "\n## Label mode at a glance: N(99.95 %) random subsets / in"
                                    + " order\n\n");
            b.append("| attack | copies |");
            for (PoolKind k : kinds) {
                b.append(' ').append(k.id()).append(" |");
            }
            b.append("\n|---|---:|").append("---:|".repeat(kinds.size())).append('\n');
            for (AttackResult a : r.attacks()) {
                b.append("| ").append(a.spec()).append(" | ").append(a.copies()).append(" |");
                for (PoolKind k : kinds) {
                    ModeDetection m = a.pool(k).label();
                    String cell =
                            rates
                                    ? percent(m.inOrderAt(1))
                                            + " / "
                                            + percent(m.inOrderAt(5))
                                            + " / "
                                            + percent(m.inOrderAt(10))
                                    : n(m.smallestN(DetectionCurves.PAPER_TARGET), m.poolSize())
                                            + " / "
                                            + n(
                                                    m.smallestNInOrder(
                                                            DetectionCurves.PAPER_TARGET),
                                                    m.poolSize());
                    boolean mark = k.reordering().isPresent() && r.inSampleForJoint(a.spec());
                    b.append(' ').append(cell).append(mark ? " †" : "").append(" |");
                }
                b.append('\n');
            }
        }
    }

    static String csv(EvaluationResult r) {
        StringBuilder b =
                new StringBuilder(
                        "model,attack,copies,pool,pool_size,order,mode,n,random_subset_rate,"
                                + "in_order_rate\n");
        for (AttackResult a : r.attacks()) {
            for (PoolDetection p : a.pools()) {
                for (boolean label : new boolean[] {true, false}) {
                    ModeDetection m = label ? p.label() : p.probs();
                    for (int n = 1; n <= m.poolSize(); n++) {
                        b.append(
                                String.format(
                                        Locale.ROOT,
                                        "%s,%s,%d,%s,%d,%s,%s,%d,%.17g,%.17g\n",
                                        csvField(r.modelName()),
                                        csvField(a.spec()),
                                        a.copies(),
                                        p.kind().id(),
                                        m.poolSize(),
                                        p.kind().order(),
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
