package dev.sensiprint.attack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Float16Test {

    private static int bits(float f) {
        return Float16.fromFloat(f) & 0xffff;
    }

    /** The value of a finite half computed independently, in double, from its fields. */
    private static double reference(int h) {
        int sign = (h >>> 15) == 1 ? -1 : 1;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0) {
            return sign * Math.scalb((double) mantissa, -24);
        }
        return sign * Math.scalb(1024.0 + mantissa, exponent - 25);
    }

    @Test
    void knownValuesHaveTheirStandardPatterns() {
        assertThat(bits(1f)).isEqualTo(0x3c00);
        assertThat(bits(-2f)).isEqualTo(0xc000);
        assertThat(bits(0.5f)).isEqualTo(0x3800);
        assertThat(bits(65504f)).isEqualTo(0x7bff);
        assertThat(bits(0.1f)).isEqualTo(0x2e66);
        assertThat(bits(1f / 3)).isEqualTo(0x3555);
        assertThat(bits(0x1p-14f)).isEqualTo(0x0400);
        assertThat(bits(0x1p-24f)).isEqualTo(0x0001);
        assertThat(bits(0f)).isEqualTo(0x0000);
        assertThat(bits(-0f)).isEqualTo(0x8000);
    }

    @Test
    void everyHalfConvertsToItsExactValue() {
        for (int h = 0; h < 0x10000; h++) {
            if (((h >>> 10) & 0x1f) == 0x1f) {
                continue;
            }
            assertThat((double) Float16.toFloat((short) h))
                    .as("half %04x", h)
                    .isEqualTo(reference(h));
        }
    }

    @Test
    void everyHalfSurvivesTheRoundTripBitForBit() {
        for (int h = 0; h < 0x10000; h++) {
            boolean nan = ((h >>> 10) & 0x1f) == 0x1f && (h & 0x3ff) != 0;
            if (!nan) {
                assertThat(bits(Float16.toFloat((short) h))).as("half %04x", h).isEqualTo(h);
            }
        }
    }

    @Test
    void midpointsBetweenNeighboursRoundToTheEvenPattern() {
        for (int h = 0; h < 0x7bff; h++) {
            float lo = Float16.toFloat((short) h);
            float hi = Float16.toFloat((short) (h + 1));
            float mid = (float) (((double) lo + hi) / 2); // exact: 12 significant bits at most
            int even = (h & 1) == 0 ? h : h + 1;
            assertThat(bits(mid)).as("midpoint after %04x", h).isEqualTo(even);
            assertThat(bits(Math.nextDown(mid))).as("below midpoint after %04x", h).isEqualTo(h);
            assertThat(bits(Math.nextUp(mid))).as("above midpoint after %04x", h).isEqualTo(h + 1);
            assertThat(bits(-mid)).isEqualTo(even | 0x8000);
        }
    }

    @Test
    void magnitudesFrom65520OverflowToInfinity() {
        assertThat(bits(Math.nextDown(65520f))).isEqualTo(0x7bff);
        assertThat(bits(65520f)).isEqualTo(0x7c00);
        assertThat(bits(1e6f)).isEqualTo(0x7c00);
        assertThat(bits(Float.MAX_VALUE)).isEqualTo(0x7c00);
        assertThat(bits(-65520f)).isEqualTo(0xfc00);
        assertThat(Float16.roundTrip(70000f)).isEqualTo(Float.POSITIVE_INFINITY);
    }

    @Test
    void tinyValuesBecomeSubnormalsOrSignedZero() {
        assertThat(bits(0x1p-25f)).as("tie between 0 and the smallest subnormal").isEqualTo(0);
        assertThat(bits(Math.nextUp(0x1p-25f))).isEqualTo(0x0001);
        assertThat(bits(0x1.8p-24f)).as("tie between 1 and 2 units").isEqualTo(0x0002);
        assertThat(bits(0x1p-14f - 0x1p-25f))
                .as("tie at the top of the subnormals")
                .isEqualTo(0x0400);
        assertThat(bits(Float.MIN_VALUE)).isEqualTo(0x0000);
        assertThat(bits(-Float.MIN_VALUE)).isEqualTo(0x8000);
        assertThat(Float16.roundTrip(1e-6f)).isEqualTo(17 * 0x1p-24f);
    }

    @Test
    void infinityAndNanAreKept() {
        assertThat(bits(Float.POSITIVE_INFINITY)).isEqualTo(0x7c00);
        assertThat(bits(Float.NEGATIVE_INFINITY)).isEqualTo(0xfc00);
        assertThat(Float16.roundTrip(Float.NaN)).isNaN();
        assertThat(Float16.roundTrip(Float.intBitsToFloat(0x7f800001)))
                .as("signalling NaN")
                .isNaN();
        assertThat(bits(Float.NaN) & 0x7e00).as("quiet NaN pattern").isEqualTo(0x7e00);
    }
}
