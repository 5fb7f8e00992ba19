package dev.sensiprint.verify;

import dev.sensiprint.fingerprint.ComparisonMode;
import java.time.Duration;
import java.util.List;

/**
 * The verdict of one verification and how each sample fared.
 *
 * @param verdict the verdict
 * @param mode the comparison mode used
 * @param comparison what the mode compared, e.g. "top-3 labels"
 * @param endpoint what was queried, without credentials
 * @param seed seed of the random sample order (and subset), to reproduce the run
 * @param fingerprintSamples how many samples the fingerprint holds
 * @param outcomes one per queried sample, in query order
 */
public record VerificationResult(
        Verdict verdict,
        ComparisonMode mode,
        String comparison,
        String endpoint,
        long seed,
        int fingerprintSamples,
        List<SampleOutcome> outcomes) {

    public VerificationResult {
        if (verdict == null || mode == null || comparison == null || endpoint == null) {
            throw new IllegalArgumentException(
                    "verdict, mode, comparison and endpoint are required");
        }
        outcomes = List.copyOf(outcomes);
        if (outcomes.size() > fingerprintSamples) {
            throw new IllegalArgumentException("more outcomes than samples");
        }
    }

    public long matchedCount() {
        return outcomes.stream().filter(o -> o instanceof SampleOutcome.Matched).count();
    }

    public long differedCount() {
        return outcomes.stream().filter(o -> o instanceof SampleOutcome.Differed).count();
    }

    public long failedCount() {
        return outcomes.stream().filter(o -> o instanceof SampleOutcome.Failed).count();
    }

    /** Sum of the query latencies. */
    public Duration totalLatency() {
        return outcomes.stream().map(SampleOutcome::latency).reduce(Duration.ZERO, Duration::plus);
    }
}
