package dev.sensiprint.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to "is the served model the fingerprinted one?". Sealed, so that a caller must handle
 * each case and nothing reads as success by accident (method.md §5):
 *
 * <ul>
 *   <li>{@link Intact}: every queried sample was answered and matched;
 *   <li>{@link Tampered}: at least one answered sample differs, whatever happened to the others;
 *   <li>{@link Inconclusive}: nothing differed, but some query failed or gave an answer that cannot
 *       be compared. A server error is never INTACT.
 * </ul>
 */
public sealed interface Verdict {

    /** INTACT, TAMPERED or INCONCLUSIVE. */
    String name();

    /** One line for humans. */
    String summary();

    /**
     * @param matched how many samples were queried and matched, at least 1
     */
    record Intact(int matched) implements Verdict {
        public Intact {
            if (matched < 1) {
                throw new IllegalArgumentException("INTACT needs at least one matched sample");
            }
        }

        @Override
        public String name() {
            return "INTACT";
        }

        @Override
        public String summary() {
            return "INTACT: all " + matched + " samples matched";
        }
    }

    /**
     * @param mismatches the samples whose outputs differ, at least one
     * @param failures the samples that could not be judged besides, possibly none
     */
    record Tampered(List<Mismatch> mismatches, List<Failure> failures) implements Verdict {
        public Tampered {
            mismatches = List.copyOf(mismatches);
            failures = List.copyOf(failures);
            if (mismatches.isEmpty()) {
                throw new IllegalArgumentException("TAMPERED needs at least one mismatch");
            }
        }

        @Override
        public String name() {
            return "TAMPERED";
        }

        @Override
        public String summary() {
            return "TAMPERED: "
                    + mismatches.size()
                    + (mismatches.size() == 1 ? " sample differs" : " samples differ")
                    + (failures.isEmpty() ? "" : " (" + failures.size() + " not judged)")
                    + "; first: "
                    + mismatches.get(0);
        }
    }

    /**
     * @param failures why each unjudged sample could not be judged, at least one
     */
    record Inconclusive(List<Failure> failures) implements Verdict {
        public Inconclusive {
            failures = List.copyOf(failures);
            if (failures.isEmpty()) {
                throw new IllegalArgumentException("INCONCLUSIVE needs at least one reason");
            }
        }

        @Override
        public String name() {
            return "INCONCLUSIVE";
        }

        @Override
        public String summary() {
            return "INCONCLUSIVE: "
                    + failures.size()
                    + (failures.size() == 1 ? " sample" : " samples")
                    + " not judged, none differed; first: "
                    + failures.get(0);
        }
    }

    /** The verdict the rules of method.md §5 give for these outcomes. */
    static Verdict of(List<SampleOutcome> outcomes) {
        List<Mismatch> mismatches = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        int matched = 0;
        for (SampleOutcome o : outcomes) {
            if (o instanceof SampleOutcome.Differed d) {
                mismatches.add(d.mismatch());
            } else if (o instanceof SampleOutcome.Failed f) {
                failures.add(f.failure());
            } else {
                matched++;
            }
        }
        if (!mismatches.isEmpty()) {
            return new Tampered(mismatches, failures);
        }
        if (!failures.isEmpty()) {
            return new Inconclusive(failures);
        }
        if (matched == 0) {
            return new Inconclusive(List.of(new Failure("-", "no sample was queried")));
        }
        return new Intact(matched);
    }
}
