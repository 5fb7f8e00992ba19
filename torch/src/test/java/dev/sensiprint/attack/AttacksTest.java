package dev.sensiprint.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AttacksTest {

    private final WeightSet original = Weights.layer(1);

    private WeightSet attacked(Attack attack, long seed) {
        WeightSet w = original.copy();
        attack.apply(w, new SplittableRandom(seed));
        return w;
    }

    static Stream<Attack> allAttacks() {
        return Stream.of(
                new MagnitudePruning(10, MagnitudePruning.Scope.GLOBAL),
                new MagnitudePruning(10, MagnitudePruning.Scope.TENSOR),
                new Int8Quantisation(),
                new Float16RoundTrip(),
                new GaussianNoise(1e-2, 0.1),
                new ScaleOneWeight(1.1),
                new BitFlip(BitChoice.parse("any")),
                new NoChange());
    }

    static Stream<Attack> randomisedAttacks() {
        return allAttacks().filter(Attack::randomised);
    }

    static Stream<Attack> deterministicAttacks() {
        return allAttacks().filter(a -> !a.randomised());
    }

    @ParameterizedTest
    @MethodSource("allAttacks")
    void reportCountsExactlyTheValuesThatChanged(Attack attack) {
        WeightSet w = original.copy();
        TamperReport report = attack.apply(w, new SplittableRandom(3));

        int[] changed = Weights.changed(original, w);
        assertThat(report.changedValues()).isEqualTo(changed.length);
        assertThat(report.totalValues()).isEqualTo(original.totalValues());
        assertThat(report.attack()).isEqualTo(attack.spec());
        Set<String> touched = new HashSet<>();
        double maxAbs = 0;
        for (int i : changed) {
            touched.add(original.element(i).replaceAll("\\[.*", ""));
            maxAbs = Math.max(maxAbs, Math.abs((double) w.get(i) - original.get(i)));
        }
        assertThat(report.touchedTensors()).containsExactlyInAnyOrderElementsOf(touched);
        assertThat(report.maxAbsChange()).isEqualTo(maxAbs);
    }

    @ParameterizedTest
    @MethodSource("randomisedAttacks")
    void sameSeedGivesTheSameWeights(Attack attack) {
        assertThat(attacked(attack, 42)).isEqualTo(attacked(attack, 42));
    }

    @ParameterizedTest
    @MethodSource("randomisedAttacks")
    void anotherSeedGivesOtherWeights(Attack attack) {
        assertThat(attacked(attack, 42)).isNotEqualTo(attacked(attack, 43));
    }

    @ParameterizedTest
    @MethodSource("deterministicAttacks")
    void deterministicAttackIgnoresTheSeed(Attack attack) {
        assertThat(attacked(attack, 42)).isEqualTo(attacked(attack, 43));
    }

    @Test
    void globalPruningZeroesTheSmallestMagnitudesOfAllW() {
        WeightSet w = attacked(new MagnitudePruning(10, MagnitudePruning.Scope.GLOBAL), 0);

        int k = Math.round(0.10f * 1021);
        int[] changed = Weights.changed(original, w);
        double largestPruned = 0;
        for (int i : changed) {
            assertThat(w.get(i)).isEqualTo(0f);
            largestPruned = Math.max(largestPruned, Math.abs(original.get(i)));
        }
        assertThat(changed).hasSize(k - 5); // the 5 exact zeros are among the k smallest
        for (int i = 0; i < w.totalValues(); i++) {
            if (w.get(i) != 0) {
                assertThat(Math.abs(w.get(i))).isGreaterThanOrEqualTo((float) largestPruned);
            }
        }
        assertThat(zeros(w.tensor(1).values()))
                .as("the small biases lose more than their 10 %")
                .isGreaterThan(2);
    }

    @Test
    void perTensorPruningTakesTheShareOfEachTensor() {
        WeightSet w = attacked(new MagnitudePruning(10, MagnitudePruning.Scope.TENSOR), 0);

        assertThat(zeros(w.tensor(0).values())).isEqualTo(100);
        assertThat(zeros(w.tensor(1).values())).isEqualTo(2);
        assertThat(w.tensor(2).values()).containsExactly(1.5f);
    }

    @Test
    void pruningTiesGoToTheLowerIndex() {
        WeightSet w = Weights.of(0.5f, -0.1f, 0.1f, 0.2f, 0.1f, 0.3f);
        new MagnitudePruning(100.0 / 3, MagnitudePruning.Scope.GLOBAL)
                .apply(w, new SplittableRandom(0));

        assertThat(w.tensor(0).values()).containsExactly(0.5f, 0f, 0f, 0.2f, 0.1f, 0.3f);
    }

    @Test
    void int8KeepsEveryValueOnTheGridWithinHalfAStep() {
        WeightSet w = attacked(new Int8Quantisation(), 0);

        for (int t = 0; t < w.tensorCount(); t++) {
            float[] before = original.tensor(t).values();
            float[] after = w.tensor(t).values();
            float scale = Int8Quantisation.scale(before);
            Set<Float> levels = new HashSet<>();
            for (int i = 0; i < after.length; i++) {
                double q = after[i] / scale;
                assertThat(q).isCloseTo(Math.rint(q), within(1e-4));
                assertThat(Math.abs(q)).isLessThanOrEqualTo(127.0001);
                assertThat(Math.abs(after[i] - before[i])).isLessThanOrEqualTo(scale / 2 * 1.0001f);
                levels.add(after[i]);
            }
            assertThat(levels.size()).isLessThanOrEqualTo(255);
        }
    }

    @Test
    void int8ChangesMostWeights() {
        TamperReport r = new Int8Quantisation().apply(original.copy(), new SplittableRandom(0));
        assertThat(r.changedFraction()).isGreaterThan(0.9);
    }

    @Test
    void fp16StoresEveryWeightAsItsNearestHalf() {
        WeightSet w = attacked(new Float16RoundTrip(), 0);

        for (int i = 0; i < w.totalValues(); i++) {
            float before = original.get(i);
            assertThat(w.get(i)).isEqualTo(Float16.roundTrip(before));
            if (Math.abs(before) >= 0x1p-14f) {
                assertThat(Math.abs(w.get(i) - before))
                        .isLessThanOrEqualTo(Math.abs(before) * 0x1p-11f);
            } else {
                assertThat(Math.abs(w.get(i) - before)).isLessThanOrEqualTo(0x1p-25f);
            }
        }
    }

    @Test
    void noiseTouchesTheFractionAskedWithTheStdAsked() {
        WeightSet big = Weights.layer(5);
        float[] w0 = big.tensor(0).values().clone();
        double sigma = GaussianNoise.populationStd(w0);
        TamperReport r = new GaussianNoise(1e-2, 0.5).apply(big, new SplittableRandom(9));

        assertThat(r.changedValues()).isBetween(500L, 511L); // round(0.5 × 1021) = 511 chosen
        double ss = 0;
        int n = 0;
        for (int i = 0; i < w0.length; i++) {
            double d = big.tensor(0).values()[i] - w0[i];
            if (d != 0) {
                ss += d * d;
                n++;
            }
        }
        assertThat(Math.sqrt(ss / n) / sigma).isCloseTo(1e-2, within(1.5e-3));
        assertThat(big.tensor(2).values()).as("one-value tensor has std 0").containsExactly(1.5f);
    }

    @Test
    void noiseChoosesRoundedFractionOfW() {
        TamperReport r =
                new GaussianNoise(1e-1, 0.01).apply(original.copy(), new SplittableRandom(1));
        assertThat(r.changedValues()).isBetween(9L, 10L); // round(0.01 × 1021) = 10 chosen
    }

    @Test
    void scaleOneMultipliesExactlyOneNonzeroWeight() {
        for (long seed = 0; seed < 50; seed++) {
            WeightSet w = attacked(new ScaleOneWeight(1.1), seed);
            int[] changed = Weights.changed(original, w);
            assertThat(changed).hasSize(1);
            float before = original.get(changed[0]);
            assertThat(before).isNotEqualTo(0f);
            assertThat(w.get(changed[0])).isEqualTo((float) (before * 1.1));
        }
    }

    @Test
    void scaleOneSkipsZeros() {
        WeightSet w = Weights.of(0f, 0f, 2f, 0f);
        for (long seed = 0; seed < 20; seed++) {
            WeightSet c = w.copy();
            new ScaleOneWeight(1.1).apply(c, new SplittableRandom(seed));
            assertThat(c.tensor(0).values()).containsExactly(0f, 0f, 2.2f, 0f);
        }
    }

    @Test
    void scaleOneReachesEveryTensor() {
        Set<String> hit = new HashSet<>();
        for (long seed = 0; seed < 2000 && hit.size() < 3; seed++) {
            hit.addAll(
                    new ScaleOneWeight(1.1)
                            .apply(original.copy(), new SplittableRandom(seed))
                            .touchedTensors());
        }
        assertThat(hit).containsExactlyInAnyOrder("fc.weight", "fc.bias", "scale");
    }

    @Test
    void bitflipChangesExactlyOneBitOfOneWeight() {
        for (long seed = 0; seed < 50; seed++) {
            WeightSet w = attacked(new BitFlip(BitChoice.parse("any")), seed);
            int[] changed = Weights.changed(original, w);
            assertThat(changed).hasSize(1);
            int xor =
                    Float.floatToRawIntBits(original.get(changed[0]))
                            ^ Float.floatToRawIntBits(w.get(changed[0]));
            assertThat(Integer.bitCount(xor)).isEqualTo(1);
        }
    }

    @Test
    void bitflipHitsTheChosenBit() {
        WeightSet w = attacked(new BitFlip(BitChoice.single(30)), 7);
        int i = Weights.changed(original, w)[0];
        int xor = Float.floatToRawIntBits(original.get(i)) ^ Float.floatToRawIntBits(w.get(i));
        assertThat(xor).isEqualTo(1 << 30);
        assertThat(Math.abs(w.get(i)))
                .as("exponent MSB raises a small weight")
                .isGreaterThan(1e30f);
    }

    @Test
    void bitflipOfTheHighSetStaysInSignExponentAndTopMantissa() {
        Set<Integer> seen = new HashSet<>();
        for (long seed = 0; seed < 300; seed++) {
            WeightSet w = attacked(new BitFlip(BitChoice.parse("high")), seed);
            int i = Weights.changed(original, w)[0];
            int xor = Float.floatToRawIntBits(original.get(i)) ^ Float.floatToRawIntBits(w.get(i));
            seen.add(Integer.numberOfTrailingZeros(xor));
        }
        assertThat(seen).allMatch(b -> b >= 15 && b <= 31).hasSize(17);
    }

    @Test
    void bitflipDescriptionNamesTheWeightAndBit() {
        TamperReport r =
                new BitFlip(BitChoice.single(31))
                        .apply(Weights.of(0f, 0.25f), new SplittableRandom(0));
        assertThat(r.description()).isEqualTo("flipped sign bit of w[1]: 0.25 -> -0.25");
    }

    @Test
    void noChangeLeavesWeightsAsTheyWere() {
        WeightSet w = original.copy();
        TamperReport r = new NoChange().apply(w, new SplittableRandom(0));
        assertThat(w).isEqualTo(original);
        assertThat(r.changedValues()).isZero();
        assertThat(r.touchedTensors()).isEmpty();
    }

    @Test
    void weightSetLocatesGlobalIndices() {
        assertThat(original.tensorOf(999)).isEqualTo(0);
        assertThat(original.tensorOf(1000)).isEqualTo(1);
        assertThat(original.tensorOf(1020)).isEqualTo(2);
        assertThat(original.element(57)).isEqualTo("fc.weight[1, 7]");
        assertThat(original.element(1020)).isEqualTo("scale[0]");
    }

    private static long zeros(float[] v) {
        long n = 0;
        for (float x : v) {
            if (x == 0) {
                n++;
            }
        }
        return n;
    }
}
