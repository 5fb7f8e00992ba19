package dev.sensiprint.verify;

import static dev.sensiprint.testing.TestFingerprints.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.ComparisonSettings;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.tensor.FloatTensor;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ComparatorTest {

    private static OutputComparator comparator(
            ComparisonMode mode, int k, double tol, OutputKind kind) {
        return OutputComparator.forMode(mode, new ComparisonSettings(mode, k, tol, 0), kind);
    }

    private static Comparison compare(OutputComparator c, FingerprintSample s, float... received) {
        return c.compare(s, FloatTensor.vector(received));
    }

    private static float[] softmax(float... z) {
        double[] p = Outputs.softmax(z);
        float[] f = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            f[i] = (float) p[i];
        }
        return f;
    }

    @Nested
    class Label {
        private final OutputComparator label =
                comparator(ComparisonMode.LABEL, 1, 0, OutputKind.LOGITS);
        private final FingerprintSample s = sample("a", 3f, 1f, 0.5f, -2f);

        @Test
        void sameTopClassWithOtherValuesMatches() {
            assertThat(compare(label, s, 9f, 8f, -5f, 7f)).isInstanceOf(Comparison.Matched.class);
        }

        @Test
        void otherTopClassDiffersAndNamesBothLabels() {
            Comparison c = compare(label, s, 1f, 3f, 0.5f, -2f);

            assertThat(c).isInstanceOf(Comparison.Differed.class);
            Mismatch m = ((Comparison.Differed) c).mismatch();
            assertThat(m.sampleId()).isEqualTo("a");
            assertThat(m.what()).isEqualTo("top-1 label");
            assertThat(m.expected()).isEqualTo("label 0");
            assertThat(m.received()).isEqualTo("label 1");
        }

        @Test
        void tieAtTheTopOfTheAnswerDiffersWhenTheExpectedTopIsStrict() {
            Comparison c = compare(label, s, 3f, 3f, 0.5f, -2f);

            assertThat(c).isInstanceOf(Comparison.Differed.class);
            assertThat(((Comparison.Differed) c).mismatch().received()).endsWith("(tie)");
        }

        @Test
        void constantAnswerDiffers() {
            assertThat(compare(label, s, 0f, 0f, 0f, 0f)).isInstanceOf(Comparison.Differed.class);
        }

        @Test
        void tieInTheExpectedTopIsDontCare() {
            FingerprintSample tied = sample("t", 3f, 3f, 1f, 0f);

            assertThat(compare(label, tied, 2.9f, 3f, 1f, 0f))
                    .isInstanceOf(Comparison.Matched.class);
            assertThat(compare(label, tied, 3f, 2.9f, 1f, 0f))
                    .isInstanceOf(Comparison.Matched.class);
            assertThat(compare(label, tied, 3f, 0.5f, 1f, 0f))
                    .isInstanceOf(Comparison.Differed.class);
        }

        @Test
        void expectedOutputThatOrdersNothingIsNotComparable() {
            FingerprintSample flat = sample("f", 1f, 1f, 1f, 1f);

            assertThat(compare(label, flat, 1f, 1f, 1f, 1f))
                    .isInstanceOf(Comparison.NotComparable.class);
        }

        @Test
        void probabilitiesOfTheSameLogitsMatch() {
            assertThat(compare(label, s, softmax(3f, 1f, 0.5f, -2f)))
                    .isInstanceOf(Comparison.Matched.class);
        }
    }

    @Nested
    class TopK {
        private final OutputComparator top3 =
                comparator(ComparisonMode.TOPK, 3, 0, OutputKind.LOGITS);
        private final FingerprintSample s = sample("b", 4f, 3f, 2f, 1f, 0f);

        @Test
        void sameOrderedTopThreeMatchesWhateverTheRest() {
            assertThat(compare(top3, s, 40f, 30f, 20f, -1f, 5f))
                    .isInstanceOf(Comparison.Matched.class);
            assertThat(compare(top3, s, 40f, 30f, 20f, 5f, -1f))
                    .isInstanceOf(Comparison.Matched.class);
        }

        @Test
        void classRisingIntoTheTopThreeDiffers() {
            assertThat(compare(top3, s, 40f, 30f, 20f, 25f, 0f))
                    .isInstanceOf(Comparison.Differed.class);
        }

        @Test
        void swappedSecondAndThirdDiffersAndShowsBothOrders() {
            Comparison c = compare(top3, s, 4f, 2f, 3f, 1f, 0f);

            assertThat(c).isInstanceOf(Comparison.Differed.class);
            Mismatch m = ((Comparison.Differed) c).mismatch();
            assertThat(m.what()).isEqualTo("top-3 labels");
            assertThat(m.expected()).isEqualTo("[0, 1, 2]");
            assertThat(m.received()).isEqualTo("[0, 2, 1]");
        }

        @Test
        void lowerRanksTiedInTheExpectedOutputMayComeInAnyOrder() {
            FingerprintSample saturated = sample("p", 1f, 0f, 0f, 0f, 0f);

            assertThat(compare(top3, saturated, 1f, 0f, 1e-30f, 0f, 0f))
                    .isInstanceOf(Comparison.Matched.class);
            assertThat(compare(top3, saturated, 0.4f, 0.5f, 0f, 0f, 0f))
                    .isInstanceOf(Comparison.Differed.class);
        }

        @Test
        void kLargerThanTheClassCountComparesTheWholeOrder() {
            OutputComparator top9 = comparator(ComparisonMode.TOPK, 9, 0, OutputKind.LOGITS);

            assertThat(compare(top9, s, 4f, 3f, 2f, 1f, 0f)).isInstanceOf(Comparison.Matched.class);
            assertThat(compare(top9, s, 4f, 3f, 2f, 0f, 1f))
                    .isInstanceOf(Comparison.Differed.class);
        }
    }

    @Nested
    class Probs {
        private final FingerprintSample logits = sample("c", 2f, 1f, 0f, -1f);

        @Test
        void componentsWithinTheToleranceMatchAndBeyondDiffer() {
            OutputComparator probs = comparator(ComparisonMode.PROBS, 1, 1e-3, OutputKind.LOGITS);

            assertThat(compare(probs, logits, 2.0009f, 1f, 0f, -1f))
                    .isInstanceOf(Comparison.Matched.class);
            Comparison c = compare(probs, logits, 2f, 1f, 0.0011f, -1f);
            assertThat(c).isInstanceOf(Comparison.Differed.class);
            assertThat(((Comparison.Differed) c).mismatch().what())
                    .startsWith("class 2 off by 1.1");
        }

        @Test
        void zeroToleranceAcceptsOnlyEqualValues() {
            OutputComparator probs = comparator(ComparisonMode.PROBS, 1, 0, OutputKind.LOGITS);

            assertThat(compare(probs, logits, 2f, 1f, 0f, -1f))
                    .isInstanceOf(Comparison.Matched.class);
            assertThat(compare(probs, logits, 2f, 1f, Math.nextUp(0f), -1f))
                    .isInstanceOf(Comparison.Differed.class);
        }

        @Test
        void serverAnsweringProbabilitiesForLogitsIsComparedAsProbabilities() {
            OutputComparator probs = comparator(ComparisonMode.PROBS, 1, 1e-4, OutputKind.LOGITS);

            assertThat(compare(probs, logits, softmax(2f, 1f, 0f, -1f)))
                    .isInstanceOf(Comparison.Matched.class);
            Comparison c = compare(probs, logits, softmax(2f, 1.1f, 0f, -1f));
            assertThat(c).isInstanceOf(Comparison.Differed.class);
            assertThat(((Comparison.Differed) c).mismatch().what())
                    .contains("as probabilities")
                    .contains("tolerance 5.000e-05");
        }

        @Test
        void serverAnsweringLogitsForProbabilitiesIsComparedThroughSoftmax() {
            OutputComparator probs =
                    comparator(ComparisonMode.PROBS, 1, 1e-4, OutputKind.PROBABILITIES);
            FingerprintSample p = sample("d", softmax(2f, 1f, 0f, -1f));

            assertThat(compare(probs, p, 7f, 6f, 5f, 4f)).isInstanceOf(Comparison.Matched.class);
            assertThat(compare(probs, p, 7f, 6f, 5f, 5f)).isInstanceOf(Comparison.Differed.class);
        }
    }

    @Nested
    class Exact {
        private final OutputComparator exact =
                comparator(ComparisonMode.EXACT, 1, 0, OutputKind.LOGITS);
        private final FingerprintSample s = sample("e", 0.1f, 0f, -3f);

        @Test
        void identicalBitsMatch() {
            assertThat(compare(exact, s, 0.1f, 0f, -3f)).isInstanceOf(Comparison.Matched.class);
        }

        @Test
        void oneUlpDiffersAndShowsTheBits() {
            Comparison c = compare(exact, s, Math.nextUp(0.1f), 0f, -3f);

            assertThat(c).isInstanceOf(Comparison.Differed.class);
            assertThat(((Comparison.Differed) c).mismatch().expected())
                    .isEqualTo("0.1 (0x3dcccccd)");
        }

        @Test
        void negativeZeroIsNotZero() {
            assertThat(compare(exact, s, 0.1f, -0f, -3f)).isInstanceOf(Comparison.Differed.class);
        }
    }

    @Nested
    class NotComparable {
        private final FingerprintSample s = sample("n", 1f, 0f, -1f);

        @Test
        void nanOrInfinityInTheAnswerIsNotComparableInEveryMode() {
            for (ComparisonMode mode : ComparisonMode.values()) {
                OutputComparator c = comparator(mode, 2, 1e-3, OutputKind.LOGITS);
                assertThat(compare(c, s, 1f, Float.NaN, -1f))
                        .as(mode.id())
                        .isInstanceOf(Comparison.NotComparable.class);
                assertThat(compare(c, s, Float.POSITIVE_INFINITY, 0f, -1f))
                        .as(mode.id())
                        .isInstanceOf(Comparison.NotComparable.class);
            }
        }

        @Test
        void answerOfAnotherLengthIsNotComparableInEveryMode() {
            for (ComparisonMode mode : ComparisonMode.values()) {
                OutputComparator c = comparator(mode, 2, 1e-3, OutputKind.LOGITS);
                Comparison r = compare(c, s, 1f, 0f, -1f, 5f);
                assertThat(r).as(mode.id()).isInstanceOf(Comparison.NotComparable.class);
                assertThat(((Comparison.NotComparable) r).reason())
                        .contains("answered 4 values, the fingerprint has 3");
            }
        }

        @Test
        void nanInTheExpectedOutputIsNotComparable() {
            FingerprintSample broken = sample("x", 1f, Float.NaN, 0f);
            OutputComparator c = comparator(ComparisonMode.LABEL, 1, 0, OutputKind.LOGITS);

            assertThat(compare(c, broken, 1f, 0f, 0f)).isInstanceOf(Comparison.NotComparable.class);
        }

        @Test
        void answerOfRankTwoIsNotComparable() {
            OutputComparator c = comparator(ComparisonMode.LABEL, 1, 0, OutputKind.LOGITS);

            assertThat(c.compare(s, new FloatTensor(new int[] {1, 3}, new float[] {1f, 0f, -1f})))
                    .isInstanceOf(Comparison.NotComparable.class);
        }
    }
}
