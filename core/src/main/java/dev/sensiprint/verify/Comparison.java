package dev.sensiprint.verify;

/** What comparing one served output with the expected one found. */
public sealed interface Comparison {

    /** The output agrees with the fingerprint in the comparison mode. */
    record Matched() implements Comparison {}

    /** The output is well-formed and differs. */
    record Differed(Mismatch mismatch) implements Comparison {
        public Differed {
            if (mismatch == null) {
                throw new IllegalArgumentException("a mismatch is required");
            }
        }
    }

    /** The output cannot be judged (wrong length, NaN, nothing to compare by). */
    record NotComparable(String reason) implements Comparison {
        public NotComparable {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a reason is required");
            }
        }
    }
}
