package dev.sensiprint.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DetectionCurvesTest {

    private static final double EXACT = 1e-15;

    @Test
    void oneDetectingSampleInTenIsFoundByHalfOfTheFiveSubsets() {
        // C(9,5)/C(10,5) = 126/252
        assertThat(DetectionCurves.randomSubsetRate(10, 1, 5)).isCloseTo(0.5, within(EXACT));
        assertThat(DetectionCurves.randomSubsetRate(10, 1, 1)).isCloseTo(0.1, within(EXACT));
    }

    @Test
    void threeDetectingOfTenWithTwoQueries() {
        // miss = C(7,2)/C(10,2) = 21/45 = 7/15
        assertThat(DetectionCurves.randomSubsetRate(10, 3, 2)).isCloseTo(8.0 / 15, within(EXACT));
    }

    @Test
    void moreQueriesThanNonDetectingSamplesAlwaysDetect() {
        assertThat(DetectionCurves.randomSubsetRate(4, 2, 3)).isEqualTo(1.0);
        assertThat(DetectionCurves.randomSubsetRate(10, 1, 10)).isEqualTo(1.0);
    }

    @Test
    void noDetectingSampleNeverDetects() {
        assertThat(DetectionCurves.randomSubsetRate(10, 0, 10)).isEqualTo(0.0);
    }

    @Test
    void randomSubsetCurveAveragesOverCopies() {
        boolean[][] d = {{false, true, false, false}, {false, false, false, false}};
        double[] curve = DetectionCurves.randomSubsets(d, 4);
        // copy 0: 1/4, 1/2, 3/4, 1; copy 1: 0
        assertThat(curve[0]).isCloseTo(0.125, within(EXACT));
        assertThat(curve[1]).isCloseTo(0.25, within(EXACT));
        assertThat(curve[2]).isCloseTo(0.375, within(EXACT));
        assertThat(curve[3]).isCloseTo(0.5, within(EXACT));
    }

    @Test
    void inOrderCountsCopiesCaughtByTheFirstNSamples() {
        boolean[][] d = {{false, true, false}, {false, false, false}, {true, false, false}};
        double[] curve = DetectionCurves.inOrder(d, new int[] {1, 0, 2}, 3);
        assertThat(curve).containsExactly(1.0 / 3, 2.0 / 3, 2.0 / 3);
    }

    @Test
    void smallestNReachingTheTargetToleratesRoundingOnly() {
        double[] curve = {0.5, 0.9995 - 1e-15, 1.0};
        assertThat(DetectionCurves.smallestN(curve, 0.9995)).hasValue(2);
        assertThat(DetectionCurves.smallestN(new double[] {0.5, 0.9994}, 0.9995)).isEmpty();
    }

    @Test
    void twentyOfHundredSamplesDetectingNeedsThirtyThreeQueriesFor9995() {
        // miss(N) = C(80,N)/C(100,N); computed independently with exact integers below
        int k = 100;
        int d = 20;
        int expected = -1;
        for (int n = 1; n <= k; n++) {
            java.math.BigInteger num = binomial(k - d, n);
            java.math.BigInteger den = binomial(k, n);
            // 1 - num/den >= 0.9995  <=>  2000 num <= den
            if (num.multiply(java.math.BigInteger.valueOf(2000)).compareTo(den) <= 0) {
                expected = n;
                break;
            }
        }
        double[] curve = new double[k];
        for (int n = 1; n <= k; n++) {
            curve[n - 1] = DetectionCurves.randomSubsetRate(k, d, n);
        }
        assertThat(DetectionCurves.smallestN(curve, DetectionCurves.PAPER_TARGET))
                .hasValue(expected);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> DetectionCurves.randomSubsetRate(5, 6, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DetectionCurves.randomSubsetRate(5, 1, 6))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                DetectionCurves.inOrder(
                                        new boolean[][] {{true}}, new int[] {0, 0}, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                DetectionCurves.inOrder(
                                        new boolean[][] {{true, false}}, new int[] {1, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void queryRatioIsExactBoundedOrUnknown() {
        QueryRatio exact = QueryRatio.of(OptionalInt.of(30), 100, OptionalInt.of(3));
        assertThat(exact.kind()).isEqualTo(QueryRatio.Kind.EXACT);
        assertThat(exact.value()).isEqualTo(10.0);
        assertThat(exact.format()).isEqualTo("10.0×");

        QueryRatio bound = QueryRatio.of(OptionalInt.empty(), 100, OptionalInt.of(4));
        assertThat(bound.kind()).isEqualTo(QueryRatio.Kind.AT_LEAST);
        assertThat(bound.value()).isEqualTo(101.0 / 4);

        assertThat(QueryRatio.of(OptionalInt.of(3), 100, OptionalInt.empty()).kind())
                .isEqualTo(QueryRatio.Kind.UNKNOWN);
    }

    private static java.math.BigInteger binomial(int n, int k) {
        java.math.BigInteger r = java.math.BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            r =
                    r.multiply(java.math.BigInteger.valueOf(n - i))
                            .divide(java.math.BigInteger.valueOf(i + 1));
        }
        return r;
    }

    @Test
    void pairsCountTwoQueriesEachAndAnOddQueryAsksOneMemberOfAnotherPair() {
        // Four pairs; pair 1 has one member flipping, pair 3 both.
        boolean[][] copies = {
            {false, false, true, false, false, false, true, true},
            {false, false, false, false, false, false, false, false},
            {true, true, true, true, true, true, true, true}
        };
        double[] curve = DetectionCurves.randomUnits(copies, 2, 8);
        for (int n = 1; n <= 8; n++) {
            double expected = 0;
            for (boolean[] c : copies) {
                expected += pairsByEnumeration(c, n);
            }
            assertThat(curve[n - 1]).as("N = %d", n).isCloseTo(expected / 3, within(1e-12));
        }
        // Two queries = one random pair: two of four pairs detect the first copy.
        assertThat(curve[1]).isCloseTo((0.5 + 0 + 1) / 3, within(EXACT));
    }

    @Test
    void unitsOfOneAreRandomSubsets() {
        boolean[][] copies = {
            {true, false, false, true, false}, {false, false, true, false, false}
        };
        assertThat(DetectionCurves.randomUnits(copies, 1, 5))
                .containsExactly(DetectionCurves.randomSubsets(copies, 5));
    }

    @Test
    void aUnitMustDivideThePool() {
        assertThatThrownBy(
                        () ->
                                DetectionCurves.randomUnits(
                                        new boolean[][] {{true, false, true}}, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("divide");
    }

    /** N/2 random pairs, then one random member of one random other pair, by enumeration. */
    private static double pairsByEnumeration(boolean[] c, int n) {
        int units = c.length / 2;
        int whole = n / 2;
        double hit = 0;
        int subsets = 0;
        for (int mask = 0; mask < 1 << units; mask++) {
            if (Integer.bitCount(mask) != whole) {
                continue;
            }
            subsets++;
            boolean found = false;
            for (int j = 0; j < units; j++) {
                if ((mask >> j & 1) == 1 && (c[2 * j] || c[2 * j + 1])) {
                    found = true;
                }
            }
            if (found) {
                hit += 1;
            } else if (n % 2 == 1) {
                double extra = 0;
                for (int j = 0; j < units; j++) {
                    if ((mask >> j & 1) == 0) {
                        extra += ((c[2 * j] ? 1 : 0) + (c[2 * j + 1] ? 1 : 0)) / 2.0;
                    }
                }
                hit += extra / (units - whole);
            }
        }
        return hit / subsets;
    }
}
