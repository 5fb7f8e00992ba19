package dev.sensiprint.detection;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * How many times more queries a baseline pool needs than a fingerprint pool to reach the same
 * detection rate: the paper's "× fewer inferences" (method.md §6).
 *
 * <p>Either side may never reach the target within its pool. Then the ratio is bounded, not known:
 * a baseline that never gets there within {@code baselineLimit} queries needs more than that many,
 * so the ratio is at least (limit + 1) / N; a fingerprint that never gets there has no ratio.
 *
 * @param kind what is known
 * @param value the ratio, or its lower bound; NaN when unknown
 */
public record QueryRatio(Kind kind, double value) {

    /** What is known about the ratio. */
    public enum Kind {
        /** Both reached the target: the ratio is exact. */
        EXACT,
        /** The baseline never reached it within its pool: the ratio is at least the value. */
        AT_LEAST,
        /** The fingerprint never reached it: no ratio. */
        UNKNOWN
    }

    /**
     * The ratio baseline / fingerprint of the smallest N reaching a target.
     *
     * @param baseline the baseline's smallest N, empty if never reached
     * @param baselineLimit the largest N the baseline was measured at (its pool size)
     * @param fingerprint the fingerprint's smallest N, empty if never reached
     */
    public static QueryRatio of(OptionalInt baseline, int baselineLimit, OptionalInt fingerprint) {
        if (fingerprint.isEmpty()) {
            return new QueryRatio(Kind.UNKNOWN, Double.NaN);
        }
        double n = fingerprint.getAsInt();
        if (baseline.isEmpty()) {
            return new QueryRatio(Kind.AT_LEAST, (baselineLimit + 1) / n);
        }
        return new QueryRatio(Kind.EXACT, baseline.getAsInt() / n);
    }

    /** "3.5×", "≥ 12×" or "n/a". */
    public String format() {
        return switch (kind) {
            case EXACT -> String.format(Locale.ROOT, "%.3g×", value);
            case AT_LEAST -> String.format(Locale.ROOT, "≥ %.3g×", value);
            case UNKNOWN -> "n/a";
        };
    }
}
