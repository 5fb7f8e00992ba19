package dev.sensiprint.attack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which bits of a float32 a {@link BitFlip} may hit, by IEEE 754 position: 31 is the sign, 30..23
 * the exponent (30 its most significant bit), 22..0 the mantissa (22 its most significant bit).
 *
 * <p>Written in specs as a position {@code 0}..{@code 31} or a set name: {@code any} (all 32),
 * {@code sign}, {@code exponent} (8 bits), {@code mantissa} (23 bits), {@code high} (the sign, the
 * exponent and the top 8 mantissa bits, 17 bits: the faults that matter, per the fault-injection
 * literature the evaluation follows).
 *
 * @param label the spec form
 * @param positions the bit positions to choose from, uniformly
 */
public record BitChoice(String label, List<Integer> positions) {

    public static final int SIGN = 31;
    public static final int EXPONENT_MSB = 30;
    public static final int EXPONENT_LSB = 23;
    public static final int MANTISSA_MSB = 22;

    public static final List<String> SET_NAMES =
            List.of("any", "sign", "exponent", "mantissa", "high");

    public BitChoice {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("bit choice label must not be blank");
        }
        if (positions == null || positions.isEmpty()) {
            throw new IllegalArgumentException("bit choice " + label + " has no bit");
        }
        positions = List.copyOf(positions);
        for (int p : positions) {
            if (p < 0 || p > SIGN) {
                throw new IllegalArgumentException("bit position must be in 0..31, got " + p);
            }
        }
        if (positions.stream().distinct().count() != positions.size()) {
            throw new IllegalArgumentException("bit choice " + label + " repeats a bit");
        }
    }

    /**
     * Parses a bit position or a set name.
     *
     * @throws IllegalArgumentException naming the text and what is accepted
     */
    public static BitChoice parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "any":
                return new BitChoice(s, range(0, SIGN));
            case "sign":
                return new BitChoice(s, List.of(SIGN));
            case "exponent":
                return new BitChoice(s, range(EXPONENT_LSB, EXPONENT_MSB));
            case "mantissa":
                return new BitChoice(s, range(0, MANTISSA_MSB));
            case "high":
                return new BitChoice(s, range(MANTISSA_MSB - 7, SIGN));
            default:
                break;
        }
        if (s.matches("\\d{1,2}")) {
            int p = Integer.parseInt(s);
            if (p <= SIGN) {
                return single(p);
            }
        }
        throw new IllegalArgumentException(
                "bit must be a position 0..31 (31 sign, 30..23 exponent, 22..0 mantissa) or one of "
                        + SET_NAMES
                        + ", got '"
                        + text
                        + "'");
    }

    /** One fixed bit. */
    public static BitChoice single(int position) {
        return new BitChoice(Integer.toString(position), List.of(position));
    }

    /** A human name for a bit position: "sign", "exponent bit 7 (MSB)", "mantissa bit 22". */
    public static String describe(int position) {
        if (position == SIGN) {
            return "sign bit";
        }
        if (position >= EXPONENT_LSB) {
            int k = position - EXPONENT_LSB;
            return "exponent bit " + k + (position == EXPONENT_MSB ? " (MSB)" : "");
        }
        return "mantissa bit " + position + (position == MANTISSA_MSB ? " (MSB)" : "");
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>();
        for (int p = from; p <= to; p++) {
            r.add(p);
        }
        return r;
    }
}
