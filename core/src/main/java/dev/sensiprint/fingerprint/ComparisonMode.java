package dev.sensiprint.fingerprint;

import java.util.Locale;

/** How a served output is compared with the expected one (method.md §5). */
public enum ComparisonMode {
    /** Top-1 labels equal: what a label-only API shows. */
    LABEL,
    /** The ordered top-k labels equal. */
    TOPK,
    /** Every component within the stored tolerance. */
    PROBS,
    /** Bit-identical float32 values. */
    EXACT;

    /** The lower-case name used on the command line and in the manifest. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}, case-insensitively. */
    public static ComparisonMode fromId(String id) {
        for (ComparisonMode m : values()) {
            if (m.id().equalsIgnoreCase(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException(
                "unknown comparison mode '" + id + "' (expected label, topk, probs or exact)");
    }
}
