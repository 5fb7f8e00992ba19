package dev.sensiprint.report;

import java.util.Locale;

/** How one queried sample fared, as reports name it. */
public enum SampleResult {
    MATCHED,
    DIFFERS,
    FAILED;

    /** The name in report.json and the page: {@code matched}, {@code differs}, {@code failed}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
