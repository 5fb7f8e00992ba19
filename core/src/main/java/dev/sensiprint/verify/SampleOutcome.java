package dev.sensiprint.verify;

import java.time.Duration;

/** What happened to one queried sample. */
public sealed interface SampleOutcome {

    String sampleId();

    /** Time from sending the query to having the answer (retries included). */
    Duration latency();

    /** Answered, and the answer agrees with the fingerprint. */
    record Matched(String sampleId, Duration latency) implements SampleOutcome {
        public Matched {
            require(sampleId, latency);
        }
    }

    /** Answered with a well-formed output that differs. */
    record Differed(Mismatch mismatch, Duration latency) implements SampleOutcome {
        public Differed {
            require(mismatch == null ? null : mismatch.sampleId(), latency);
        }

        @Override
        public String sampleId() {
            return mismatch.sampleId();
        }
    }

    /** Not answered, or answered with something that cannot be compared. */
    record Failed(Failure failure, Duration latency) implements SampleOutcome {
        public Failed {
            require(failure == null ? null : failure.sampleId(), latency);
        }

        @Override
        public String sampleId() {
            return failure.sampleId();
        }
    }

    private static void require(String id, Duration latency) {
        if (id == null || latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("sample id and a non-negative latency are required");
        }
    }
}
