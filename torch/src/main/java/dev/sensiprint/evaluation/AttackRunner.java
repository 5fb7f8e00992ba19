package dev.sensiprint.evaluation;

import dev.sensiprint.attack.Attack;
import dev.sensiprint.attack.LiveWeights;
import dev.sensiprint.attack.TamperReport;
import dev.sensiprint.attack.Tampering;
import dev.sensiprint.attack.TrainingEffect;
import dev.sensiprint.attack.WeightSet;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.generate.JointSelection;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.tensor.FloatTensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleConsumer;

/**
 * Makes the tampered copies of one model in memory: tamper the live weights, query every pool,
 * restore the pristine weights — no file per copy. The restore is checked by {@link LiveWeights}
 * (it reads back every tensor it writes), and the {@code none} control in the attack matrix shows
 * end to end that a restored model answers as the clean one.
 *
 * <p>Training attacks change nothing but W either: they train with the module in eval mode, so
 * BatchNorm statistics stay as they were, and their optimiser state is dropped with each copy
 * ({@link Tampering#applyInPlace(DifferentiableModel, Attack, long, ImageDataset,
 * DoubleConsumer)}). A {@code none} listed after them checks that too.
 */
final class AttackRunner {

    /**
     * Units of work of one training copy. A training copy costs far more than a weight edit (one
     * unit), so it counts for several and reports them as its steps go by: the bar moves while a
     * copy trains.
     */
    static final long TRAINING_COPY_WORK = 20;

    private final DifferentiableModel model;
    private final LiveForward live;
    private final List<SamplePool> pools;
    private final List<PoolComparators> comparators;
    private final WeightSet pristine;
    private final EvaluationSettings settings;
    private final ImageDataset trainingData;
    private final EvaluationListener listener;

    /**
     * @param trainingData the labelled images the training attacks train on; null when none of the
     *     attacks needs any
     */
    AttackRunner(
            DifferentiableModel model,
            LiveForward live,
            List<SamplePool> pools,
            EvaluationSettings settings,
            ImageDataset trainingData,
            EvaluationListener listener) {
        this.model = model;
        this.trainingData = trainingData;
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
        List<TamperReport> reports = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            TamperReport report;
            CopyProgress progress = new CopyProgress(workPerCopy(attack));
            try {
                report =
                        Tampering.applyInPlace(
                                model,
                                attack,
                                copySeed(settings, attack, c),
                                trainingData,
                                progress);
                // A flip-cover pool holds another pool's samples themselves: ask once.
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
            reports.add(report);
            progress.finish(
                    attack.needsData()
                            ? String.format(
                                    Locale.ROOT,
                                    "%s copy %d of %d: %s",
                                    attack.spec(),
                                    c + 1,
                                    copies,
                                    report.effect().map(AttackRunner::effect).orElse("trained"))
                            : null);
        }
        List<PoolDetection> detections = new ArrayList<>();
        for (int p = 0; p < pools.size(); p++) {
            int[] order = pools.get(p).order();
            int unit = pools.get(p).kind().unit();
            detections.add(
                    new PoolDetection(
                            pools.get(p).kind(),
                            ModeDetection.of(label[p], order, notComparable[p], unit),
                            ModeDetection.of(probs[p], order, notComparable[p], unit)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        AttackResult result =
                new AttackResult(
                        attack.spec(), copies, changed / copies, reports, detections, seconds);
        listener.advanced(0, line(result));
        return result;
    }

    /** Units of work one copy of {@code attack} counts for in {@link Evaluation#totalWork}. */
    static long workPerCopy(Attack attack) {
        return attack.needsData() ? TRAINING_COPY_WORK : 1;
    }

    /**
     * Turns a training attack's fraction done into units of work for the listener. The last unit is
     * kept for the end of the copy (answering the pools), and a trojan that reaches its success
     * rate early jumps there.
     */
    private final class CopyProgress implements DoubleConsumer {
        private final long work;
        private long reported;

        CopyProgress(long work) {
            this.work = work;
        }

        @Override
        public void accept(double done) {
            long now = Math.min(work - 1, (long) Math.floor(done * (work - 1)));
            if (now > reported) {
                listener.advanced(now - reported, null);
                reported = now;
            }
        }

        void finish(String message) {
            listener.advanced(work - reported, message);
            reported = work;
        }
    }

    /** A training copy's effect, short: accuracy before and after, and the attack's success. */
    static String effect(TrainingEffect e) {
        StringBuilder b =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "accuracy %.2f %% -> %.2f %%",
                                100 * e.accuracy().before(),
                                100 * e.accuracy().after()));
        e.success()
                .ifPresent(
                        s ->
                                b.append(
                                        String.format(
                                                Locale.ROOT,
                                                ", success %.2f %% -> %.2f %%",
                                                100 * s.before(),
                                                100 * s.after())));
        return b.toString();
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
     * The attacks of the matrix some copy of which is one of the simulated changes that order the
     * joint and joint_pairs pools: the same attack with the same seed, or a deterministic attack
     * (pruning, int8, fp16: every seed gives the same weights) among the simulated families. Those
     * pools' in-order results on them are measured on a change they were chosen for.
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
        Optional<TrainingEffect> effect = r.meanEffect();
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
            // A flip-cover pool differs from the pool it reorders only in its order.
            b.append(
                    p.kind().reordering().isPresent()
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
        effect.ifPresent(e -> b.append("; mean ").append(effect(e)));
        return b.toString();
    }
}
