package dev.sensiprint.attack;

/**
 * IEEE 754 binary16 conversions with round-to-nearest-even, as {@code Tensor.half()} does.
 *
 * <p>Java 17 has no {@code Float.floatToFloat16} (added in Java 20), hence this class. Finite
 * floats of magnitude 65520 and above round to infinity (65520 is the midpoint between the largest
 * half, 65504, and 2^16, and ties go to the even pattern, infinity); magnitudes of 2^-25 and below
 * round to a signed zero; in between the half subnormals (multiples of 2^-24) are used. NaN stays
 * NaN (quiet, keeping the top payload bits), the sign is always kept.
 */
public final class Float16 {

    private Float16() {}

    /** The binary16 bit pattern nearest to {@code f}, ties to even. */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7fffffff;
        if (abs >= 0x7f800000) { // infinity or NaN
            if (abs == 0x7f800000) {
                return (short) (sign | 0x7c00);
            }
            return (short) (sign | 0x7e00 | ((abs >>> 13) & 0x3ff));
        }
        if (abs >= 0x477ff000) { // >= 65520
            return (short) (sign | 0x7c00);
        }
        if (abs >= 0x38800000) { // >= 2^-14: a normal half
            int h = ((abs >>> 23) - 112) << 10 | ((abs >>> 13) & 0x3ff);
            return (short) (sign | roundDropped(h, abs & 0x1fff, 13));
        }
        if (abs < 0x33000000) { // < 2^-25: below half of the smallest subnormal
            return (short) sign;
        }
        // A half subnormal: the value in units of 2^-24 is significand × 2^(exponent − 126).
        int exponent = abs >>> 23;
        int significand = (abs & 0x7fffff) | 0x800000;
        int shift = 126 - exponent; // 14..24
        int h = significand >>> shift;
        // A carry out of the subnormal range gives 0x0400, the smallest normal: still correct.
        return (short) (sign | roundDropped(h, significand & ((1 << shift) - 1), shift));
    }

    /** The float equal to a binary16 bit pattern (exact: every half is a float). */
    public static float toFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) {
            float v = mantissa * 0x1p-24f; // exact: at most 10 significant bits
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }

    /** {@code f} rounded to the nearest half and back: what storing a weight as float16 keeps. */
    public static float roundTrip(float f) {
        return toFloat(fromFloat(f));
    }

    /** Rounds {@code kept} up when the {@code width} dropped bits exceed half, or tie and odd. */
    private static int roundDropped(int kept, int dropped, int width) {
        int half = 1 << (width - 1);
        if (dropped > half || (dropped == half && (kept & 1) == 1)) {
            return kept + 1;
        }
        return kept;
    }
}
