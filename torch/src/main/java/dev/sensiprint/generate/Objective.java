package dev.sensiprint.generate;

import java.util.Locale;

/** What each candidate is optimised for before selection. */
public enum Objective {
    /** Ascend log S(x), the paper's weight sensitivity (method.md §2–3). */
    SENSITIVITY,
    /**
     * No ascent: the seed itself, then (with margin tuning) walked to the margin band. The control
     * that tells how much of label-mode detection the margin alone buys (method.md §7).
     */
    MARGIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}. */
    public static Objective parse(String text) {
        for (Objective o : values()) {
            if (o.id().equalsIgnoreCase(text.trim())) {
                return o;
            }
        }
        throw new IllegalArgumentException("objective must be sensitivity or margin, got " + text);
    }
}
