package dev.sensiprint.verify;

import dev.sensiprint.tensor.FloatTensor;
import java.time.Duration;

/**
 * What happened to one queried sample.
 *
 * <p>Each outcome keeps the output the server answered, when there was one, so that a report can
 * show expected and received side by side; a query that got no answer has none.
 */
public sealed interface SampleOutcome {

    String sampleId();

    /** Time from sending the query to having the answer (retries included). */
    Duration latency();

    /** The output the server answered, or null when the query got no answer. */
    FloatTensor received();

    /** Answered, and the answer agrees with the fingerprint. */
    record Matched(String sampleId, Duration latency, FloatTensor received)
            implements SampleOutcome {
        public Matched {
            require(sampleId, latency);
        }

        public Matched(String sampleId, Duration latency) {
            this(sampleId, latency, null);
        }
    }

    /** Answered with a well-formed output that differs. */
    record Differed(Mismatch mismatch, Duration latency, FloatTensor received)
            implements SampleOutcome {
        public Differed {
            require(mismatch == null ? null : mismatch.sampleId(), latency);
        }

        public Differed(Mismatch mismatch, Duration latency) {
            this(mismatch, latency, null);
        }

        @Override
        public String sampleId() {
            return mismatch.sampleId();
        }
    }

    /** Not answered ({@code received} null), or answered with something that cannot be compared. */
    record Failed(Failure failure, Duration latency, FloatTensor received)
            implements SampleOutcome {
        public Failed {
            require(failure == null ? null : failure.sampleId(), latency);
        }

        public Failed(Failure failure, Duration latency) {
            this(failure, latency, null);
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
