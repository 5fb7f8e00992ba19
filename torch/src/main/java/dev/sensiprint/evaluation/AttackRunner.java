package dev.sensiprint.evaluation;

import dev.sensiprint.attack.Attack;
import dev.sensiprint.attack.LiveWeights;
import dev.sensiprint.attack.TamperReport;
import dev.sensiprint.attack.Tampering;
import dev.sensiprint.attack.WeightSet;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.generate.JointSelection;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.tensor.FloatTensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes the tampered copies of one model in memory: tamper the live weights, query every pool,
 * restore the pristine weights — no file per copy. The restore is checked by {@link LiveWeights}
 * (it reads back every tensor it writes), and the {@code none} control in the attack matrix shows
 * end to end that a restored model answers as the clean one.
 */
final class AttackRunner {

    private final DifferentiableModel model;
    private final LiveForward live;
    private final List<SamplePool> pools;
    private final List<PoolComparators> comparators;
    private final WeightSet pristine;
    private final EvaluationSettings settings;
    private final EvaluationListener listener;

    AttackRunner(
            DifferentiableModel model,
            LiveForward live,
            List<SamplePool> pools,
            EvaluationSettings settings,
            EvaluationListener listener) {
        this.model = model;
        this.live = live;
        this.pools = pools;
        this.settings = settings;
        this.listener = listener;
        this.comparators = new ArrayList<>();
        for (SamplePool p : pools) {
            comparators.add(new PoolComparators(p, model.info().outputKind()));
        }
        this.pristine = LiveWeights.read(model.weights());
    }

    AttackResult run(Attack attack) {
        long start = System.nanoTime();
        int copies = settings.copiesOf(attack);
        boolean[][][] label = new boolean[pools.size()][copies][];
        boolean[][][] probs = new boolean[pools.size()][copies][];
        long[] notComparable = new long[pools.size()];
        double changed = 0;
        String example = null;
        for (int c = 0; c < copies; c++) {
            TamperReport report;
            try {
                report = Tampering.applyInPlace(model, attack, copySeed(settings, attack, c));
                // The joint pool holds the sensitive-margin samples themselves: ask once.
                Map<List<FingerprintSample>, List<FloatTensor>> asked = new IdentityHashMap<>();
                for (int p = 0; p < pools.size(); p++) {
                    SamplePool pool = pools.get(p);
                    List<FloatTensor> answers =
                            asked.computeIfAbsent(pool.samples(), k -> live.outputs(pool.inputs()));
                    PoolComparators.Flags f = comparators.get(p).flags(answers);
                    label[p][c] = f.label();
                    probs[p][c] = f.probs();
                    notComparable[p] += f.notComparable();
                }
            } finally {
                LiveWeights.write(pristine, model.weights());
            }
            changed += report.changedFraction();
            if (example == null) {
                example = report.summary();
            }
            listener.advanced(1, null);
        }
        List<PoolDetection> detections = new ArrayList<>();
        for (int p = 0; p < pools.size(); p++) {
            int[] order = pools.get(p).order();
            detections.add(
                    new PoolDetection(
                            pools.get(p).kind(),
                            ModeDetection.of(label[p], order, notComparable[p]),
                            ModeDetection.of(probs[p], order, notComparable[p])));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        AttackResult result =
                new AttackResult(
                        attack.spec(), copies, changed / copies, example, detections, seconds);
        listener.advanced(0, line(result));
        return result;
    }

    /**
     * The seed of copy {@code c} of an attack: distinct per copy, and tied to the attack's spec
     * rather than its position, so adding an attack to the matrix does not change the others.
     */
    static long copySeed(EvaluationSettings settings, Attack attack, int c) {
        long h = settings.rngSeed() * 0x9E3779B97F4A7C15L + attack.spec().hashCode();
        return h * 31 + c;
    }

    /**
     * The attacks of the matrix some copy of which is one of the joint pool's simulated changes:
     * the same attack with the same seed, or a deterministic attack (pruning, int8, fp16: every
     * seed gives the same weights) among the simulated families. Joint's in-order result on them is
     * measured on a change it was chosen for.
     */
    static List<String> inSample(EvaluationSettings settings) {
        List<String> out = new ArrayList<>();
        List<JointSelection.SimulatedChange> changes = settings.joint().changes();
        for (Attack a : settings.attacks()) {
            boolean seen = false;
            for (JointSelection.SimulatedChange ch : changes) {
                if (!ch.attack().spec().equals(a.spec())) {
                    continue;
                }
                if (!a.randomised()) {
                    seen = true;
                }
                for (int c = 0; c < settings.copiesOf(a) && !seen; c++) {
                    seen = ch.seed() == copySeed(settings, a, c);
                }
            }
            if (seen) {
                out.add(a.spec());
            }
        }
        return out;
    }

    private static String line(AttackResult r) {
        StringBuilder b =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "%s: %d copies, %.3g of W changed; label-mode detection at N=1/5:",
                                r.spec(),
                                r.copies(),
                                r.meanChangedFraction()));
        for (PoolDetection p : r.pools()) {
            ModeDetection m = p.label();
            int five = Math.min(5, m.poolSize());
            // The joint pool differs from sensitive_margin only in its order.
            b.append(
                    p.kind() == PoolKind.JOINT
                            ? String.format(
                                    Locale.ROOT,
                                    " %s in order %.3f/%.3f",
                                    p.kind().id(),
                                    m.inOrderAt(1),
                                    m.inOrderAt(five))
                            : String.format(
                                    Locale.ROOT,
                                    " %s %.3f/%.3f",
                                    p.kind().id(),
                                    m.rateAt(1),
                                    m.rateAt(five)));
        }
        return b.toString();
    }
}
