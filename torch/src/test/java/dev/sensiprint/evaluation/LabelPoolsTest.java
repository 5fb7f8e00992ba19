package dev.sensiprint.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.attack.AttackSpecs;
import dev.sensiprint.data.Datasets;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.generate.GeneratorSettings;
import dev.sensiprint.generate.JointSelection;
import dev.sensiprint.generate.MarginTuning;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.sensitivity.ClassSelection;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.testing.SharedFiles;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The margin pools and the joint pool of {@code evaluate} (method.md §7) on a small run: eight
 * seeds of the shared MNIST MLP, one noise attack.
 */
class LabelPoolsTest {

    private static final int SEEDS = 8;
    private static final String NOISE = "noise:r=1e-3,q=0.1";

    private static EvaluationResult result;
    private static long announced;
    private static long done;

    private static ModelSpec mlp() {
        return ModelSpec.of(SharedFiles.model("mnist_mlp_clean.pt"), 1, 28, 28);
    }

    private static List<FloatTensor> seeds() {
        ImageDataset d =
                Datasets.open(
                        SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz").toString(), SEEDS);
        List<FloatTensor> out = new ArrayList<>();
        for (int i = 0; i < SEEDS; i++) {
            out.add(d.get(i).image());
        }
        return out;
    }

    private static EvaluationSettings settings(EnumSet<PoolKind> pools, OptionalDouble floor) {
        return new EvaluationSettings(
                List.of(AttackSpecs.parse(NOISE)),
                3,
                SEEDS,
                SEEDS,
                GeneratorSettings.defaults().withSteps(20).withKeepLabel(true, 1e-3),
                10,
                2,
                42,
                pools,
                new MarginTuning(MarginTuning.DEFAULT_FACTOR, floor),
                JointSelection.parse(JointSelection.DEFAULT_FAMILIES, 4));
    }

    @BeforeAll
    static void evaluate() {
        EvaluationSettings s =
                settings(
                        EnumSet.of(
                                PoolKind.NATURAL,
                                PoolKind.MARGIN_ONLY,
                                PoolKind.SENSITIVE_MARGIN,
                                PoolKind.JOINT,
                                PoolKind.PAIRS,
                                PoolKind.JOINT_PAIRS),
                        OptionalDouble.empty());
        AtomicLong total = new AtomicLong();
        AtomicLong work = new AtomicLong();
        result =
                Evaluation.run(
                        new EvaluationRequest(mlp(), seeds(), "first 8 MNIST test images", s),
                        new EvaluationListener() {
                            @Override
                            public void started(long totalWork) {
                                total.set(totalWork);
                            }

                            @Override
                            public void advanced(long w, String message) {
                                work.addAndGet(w);
                            }
                        });
        announced = total.get();
        done = work.get();
    }

    @Test
    void aTwinJoinsCalibrationAndTheFalsePositiveCheck() throws Exception {
        // Any other file of the same network will do; here a byte copy under another name.
        java.nio.file.Path copy = java.nio.file.Files.createTempFile("twin", ".pt");
        try {
            java.nio.file.Files.copy(
                    mlp().path(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            EvaluationResult r =
                    Evaluation.run(
                            new EvaluationRequest(
                                    mlp(),
                                    seeds(),
                                    "first 8 MNIST test images",
                                    settings(EnumSet.of(PoolKind.PAIRS), OptionalDouble.empty()),
                                    null,
                                    mlp().withPath(copy)),
                            EvaluationListener.NONE);
            String twin = "twin:" + copy.getFileName();
            assertThat(r.falsePositives()).isNotEmpty();
            for (FalsePositiveCheck f : r.falsePositives()) {
                assertThat(f.variations()).contains(twin);
                assertThat(f.rate(true)).isZero();
            }
        } finally {
            java.nio.file.Files.deleteIfExists(copy);
        }
    }

    @Test
    void theClassSetReachesTheGeneratedPool() {
        EvaluationSettings top1 = settings(EnumSet.of(PoolKind.SENSITIVE), OptionalDouble.empty());
        EvaluationSettings all = top1.withClasses(ClassSelection.all());
        double[] s1 = seedSensitivities(top1);
        double[] sAll = seedSensitivities(all);
        // S(x0) with C = all sums log p over every class: a different objective, other values.
        assertThat(sAll).hasSameSizeAs(s1);
        for (int i = 0; i < s1.length; i++) {
            assertThat(sAll[i]).isNotEqualTo(s1[i]);
        }
    }

    private static double[] seedSensitivities(EvaluationSettings s) {
        EvaluationResult r =
                Evaluation.run(
                        new EvaluationRequest(mlp(), seeds(), "first 8 MNIST test images", s),
                        EvaluationListener.NONE);
        return r.pools().get(0).samples().stream()
                .mapToDouble(x -> x.stats().seedSensitivity())
                .toArray();
    }

    @Test
    void onlyThePoolsAskedForAreBuiltInKindOrder() {
        assertThat(result.pools())
                .extracting(SamplePool::kind)
                .containsExactly(
                        PoolKind.NATURAL,
                        PoolKind.MARGIN_ONLY,
                        PoolKind.SENSITIVE_MARGIN,
                        PoolKind.JOINT,
                        PoolKind.PAIRS,
                        PoolKind.JOINT_PAIRS);
        assertThat(result.attacks().get(0).pools())
                .extracting(PoolDetection::kind)
                .containsExactly(
                        PoolKind.NATURAL,
                        PoolKind.MARGIN_ONLY,
                        PoolKind.SENSITIVE_MARGIN,
                        PoolKind.JOINT,
                        PoolKind.PAIRS,
                        PoolKind.JOINT_PAIRS);
    }

    @Test
    void bothMarginPoolsShareOneMeasuredBandAndTheirMarginsLieInIt() {
        PoolTuning t = result.tuning().orElseThrow();
        assertThat(t.measured()).isTrue();
        assertThat(t.measuredOn()).isEqualTo(2 * SEEDS); // the seeds and the sensitive samples
        assertThat(t.noiseFloor()).isPositive();
        assertThat(t.low()).isEqualTo(MarginTuning.DEFAULT_FACTOR * t.noiseFloor());
        assertThat(t.high()).isEqualTo(2 * t.low());
        for (PoolKind k : List.of(PoolKind.MARGIN_ONLY, PoolKind.SENSITIVE_MARGIN)) {
            SamplePool p = result.pool(k);
            assertThat(p.size()).as(k.id()).isPositive();
            assertThat(p.size() + p.untunable().size() + p.droppedByCalibration()).isEqualTo(SEEDS);
            // The stored margin is the inference load's; the walk read the differentiable one.
            // The two differ by benign drift, which moves a margin by at most 2f.
            for (FingerprintSample s : p.samples()) {
                assertThat((double) s.margin())
                        .as(k.id() + " " + s.id())
                        .isBetween(t.low() - 2 * t.noiseFloor(), t.high() + 2 * t.noiseFloor());
            }
        }
        // The natural seeds are far above the band: the walk is what brings them down.
        assertThat(result.pool(PoolKind.NATURAL).medianMargin()).isGreaterThan(100 * t.high());
    }

    @Test
    void noPoolFlagsAnySampleUnderBenignVariation() {
        for (FalsePositiveCheck f : result.falsePositives()) {
            assertThat(f.labelFlags()).as(f.kind().id()).containsOnly(0);
            assertThat(f.probsFlags()).as(f.kind().id()).containsOnly(0);
            assertThat(f.variations()).hasSize(4);
        }
    }

    @Test
    void jointHoldsTheSensitiveMarginSamplesInAnotherOrder() {
        SamplePool sm = result.pool(PoolKind.SENSITIVE_MARGIN);
        SamplePool joint = result.pool(PoolKind.JOINT);
        assertThat(joint.samples()).isSameAs(sm.samples());
        assertThat(joint.order()).containsExactlyInAnyOrder(sm.order());
        JointOrder o = result.joint(PoolKind.JOINT).orElseThrow();
        // two randomised noise families × 4 draws, pruning and fp16 once each
        assertThat(o.changes()).isEqualTo(10);
        assertThat(o.caughtAfter()).hasSize(joint.size()).isSorted();
        // Only noise is attacked here, and its copies have other seeds than the simulated draws.
        assertThat(o.inSample()).isEmpty();
    }

    @Test
    void jointDetectsInOrderAtLeastAsOftenAsItsFirstSampleAndAsTheWholePoolAtTheEnd() {
        AttackResult a = result.attacks().get(0);
        ModeDetection joint = a.pool(PoolKind.JOINT).label();
        ModeDetection sm = a.pool(PoolKind.SENSITIVE_MARGIN).label();
        // The random-subset curve does not depend on the order: joint and sensitive_margin agree.
        assertThat(joint.randomSubsets()).containsExactly(sm.randomSubsets());
        for (int n = 1; n <= joint.poolSize(); n++) {
            assertThat(joint.inOrderAt(n)).isGreaterThanOrEqualTo(joint.inOrderAt(1));
        }
        assertThat(joint.inOrderAt(joint.poolSize())).isEqualTo(joint.anyDetected());
        // Small margins see noise of 1e-3 × std that the natural images never see.
        assertThat(joint.anyDetected()).isPositive();
        assertThat(a.pool(PoolKind.MARGIN_ONLY).label().anyDetected()).isPositive();
        assertThat(a.pool(PoolKind.NATURAL).label().anyDetected()).isZero();
    }

    @Test
    void jointPairsHoldThePairsInAnotherOrderPairByPair() {
        SamplePool pairs = result.pool(PoolKind.PAIRS);
        SamplePool jp = result.pool(PoolKind.JOINT_PAIRS);
        assertThat(jp.samples()).isSameAs(pairs.samples());
        int[] order = jp.order();
        assertThat(order).containsExactlyInAnyOrder(pairs.order());
        for (int k = 0; k < order.length; k += 2) {
            // an anchor at an even index, its twin right after it
            assertThat(order[k] % 2).isZero();
            assertThat(order[k + 1]).isEqualTo(order[k] + 1);
        }
        JointOrder o = result.joint(PoolKind.JOINT_PAIRS).orElseThrow();
        assertThat(o.changes()).isEqualTo(result.joint(PoolKind.JOINT).orElseThrow().changes());
        // one entry per pair, growing as pairs are added
        assertThat(o.caughtAfter()).hasSize(jp.size() / 2).isSorted();
    }

    @Test
    void jointPairsShareThePairsRandomSubsetsAndCatchInOrderWhatTheWholePoolCatches() {
        AttackResult a = result.attacks().get(0);
        ModeDetection jp = a.pool(PoolKind.JOINT_PAIRS).label();
        ModeDetection pairs = a.pool(PoolKind.PAIRS).label();
        assertThat(jp.randomSubsets()).containsExactly(pairs.randomSubsets());
        assertThat(jp.unit()).isEqualTo(2);
        assertThat(jp.inOrderAt(jp.poolSize())).isEqualTo(pairs.anyDetected());
    }

    @Test
    void pairsHoldSensitiveMarginSamplesWithTheirTwinsAcrossTheBoundaryInTheBand() {
        PoolTuning t = result.tuning().orElseThrow();
        SamplePool sm = result.pool(PoolKind.SENSITIVE_MARGIN);
        SamplePool pairs = result.pool(PoolKind.PAIRS);
        assertThat(pairs.size()).isPositive().isEven();
        assertThat(pairs.generated()).isEqualTo(2 * sm.size());
        assertThat(pairs.size() + 2 * pairs.untunable().size() + pairs.droppedByCalibration())
                .isEqualTo(pairs.generated());
        assertThat(pairs.order())
                .containsExactly(java.util.stream.IntStream.range(0, pairs.size()).toArray());
        List<String> smOrder = new ArrayList<>();
        for (int i : sm.order()) {
            smOrder.add(sm.samples().get(i).id());
        }
        List<String> anchors = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            FingerprintSample a = pairs.samples().get(i);
            FingerprintSample b = pairs.samples().get(i + 1);
            anchors.add(a.id());
            assertThat(b.id()).isEqualTo(a.id() + "b");
            assertThat(b.seed()).isEqualTo(a.seed());
            // b's label is a's runner-up, and a's is b's: the two sit either side of one boundary.
            assertThat(b.label()).isEqualTo(a.topK()[1]);
            assertThat(b.topK()[1]).isEqualTo(a.label());
            for (FingerprintSample s : List.of(a, b)) {
                assertThat((double) s.margin())
                        .as(s.id())
                        .isBetween(t.low() - 2 * t.noiseFloor(), t.high() + 2 * t.noiseFloor());
            }
            assertThat(dev.sensiprint.quality.ImageQuality.rms(a.input(), b.input()))
                    .isLessThan(0.01 * result.settings().generator().eps());
        }
        // Anchors are sensitive_margin's samples, in its MANC order (minus pairs left out).
        assertThat(smOrder).containsSubsequence(anchors);
    }

    @Test
    void aPairCountsAsTwoQueries() {
        ModeDetection pairs = result.attacks().get(0).pool(PoolKind.PAIRS).label();
        assertThat(pairs.unit()).isEqualTo(2);
        assertThat(pairs.poolSize()).isEqualTo(result.pool(PoolKind.PAIRS).size());
        // All pairs at once: the copies that any member detects.
        assertThat(pairs.rateAt(pairs.poolSize())).isEqualTo(pairs.inOrderAt(pairs.poolSize()));
        for (int n = 2; n <= pairs.poolSize(); n++) {
            assertThat(pairs.rateAt(n)).isGreaterThanOrEqualTo(pairs.rateAt(n - 1));
        }
    }

    @Test
    void theProgressBarCountsEveryUnitOfWorkItAnnounced() {
        assertThat(announced).isEqualTo(Evaluation.totalWork(result.settings()));
        assertThat(done).isEqualTo(announced);
    }

    @Test
    void aMarginFactorAtOrBelowTwiceTheSafetyIsRefusedOnlyWhenAMarginPoolIsAsked() {
        assertThatThrownBy(
                        () ->
                                new EvaluationSettings(
                                        List.of(AttackSpecs.parse(NOISE)),
                                        1,
                                        4,
                                        4,
                                        GeneratorSettings.defaults(),
                                        10,
                                        1,
                                        1,
                                        EnumSet.of(PoolKind.MARGIN_ONLY),
                                        new MarginTuning(20, OptionalDouble.empty()),
                                        JointSelection.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must exceed 2 × the safety factor");
        EvaluationSettings natural =
                new EvaluationSettings(
                        List.of(AttackSpecs.parse(NOISE)),
                        1,
                        4,
                        4,
                        GeneratorSettings.defaults(),
                        10,
                        1,
                        1,
                        EnumSet.of(PoolKind.NATURAL),
                        new MarginTuning(20, OptionalDouble.empty()),
                        JointSelection.defaults());
        assertThat(natural.pools()).containsExactly(PoolKind.NATURAL);
    }

    @Test
    void aDeterministicAttackAmongTheSimulatedFamiliesIsMarkedInSample() {
        EvaluationSettings s =
                new EvaluationSettings(
                        List.of(
                                AttackSpecs.parse("fp16"),
                                AttackSpecs.parse("int8"),
                                AttackSpecs.parse("prune:p=1"),
                                AttackSpecs.parse(NOISE)),
                        3,
                        4,
                        4,
                        GeneratorSettings.defaults(),
                        10,
                        1,
                        42,
                        EnumSet.of(PoolKind.JOINT),
                        new MarginTuning(MarginTuning.DEFAULT_FACTOR, OptionalDouble.empty()),
                        JointSelection.defaults());
        assertThat(AttackRunner.inSample(s)).containsExactly("fp16", "prune:p=1,scope=global");
    }

    @Test
    void theWorkOfAPoolSubsetLeavesOutWhatItDoesNotBuild() {
        EvaluationSettings marginOnly =
                settings(EnumSet.of(PoolKind.MARGIN_ONLY), OptionalDouble.of(1e-4));
        // the band, 8 walks, the pool; the false-positive check; 3 copies
        assertThat(Evaluation.totalWork(marginOnly)).isEqualTo(1 + SEEDS + 1 + 1 + 3);
        EvaluationSettings joint = settings(EnumSet.of(PoolKind.JOINT), OptionalDouble.empty());
        // 8 generated, the band, 8 walks, 10 simulated changes, the pool; check; copies
        assertThat(Evaluation.totalWork(joint)).isEqualTo(SEEDS + 1 + SEEDS + 10 + 1 + 1 + 3);
        EvaluationSettings jointPairs =
                settings(EnumSet.of(PoolKind.JOINT_PAIRS), OptionalDouble.empty());
        // 8 generated, the band, 8 walks, 8 twin walks, 10 simulated changes, the pool; check;
        // copies
        assertThat(Evaluation.totalWork(jointPairs))
                .isEqualTo(SEEDS + 1 + SEEDS + SEEDS + 10 + 1 + 1 + 3);
    }
}
