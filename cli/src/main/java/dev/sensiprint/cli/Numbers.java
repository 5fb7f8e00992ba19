package dev.sensiprint.cli;

import java.util.Locale;

/** Number formats for human-readable output; JSON output carries full precision instead. */
final class Numbers {

    private Numbers() {}

    /** Three significant digits, scientific when very small or large; "-" for NaN. */
    static String sig(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** Fixed decimals; "-" for NaN, "inf" for infinity. */
    static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A byte count as kB/MB. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f kB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
    }

    /** A JSON-safe double: NaN and infinities become null (JSON has neither). */
    static Double json(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
