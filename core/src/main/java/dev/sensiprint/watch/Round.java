package dev.sensiprint.watch;

import dev.sensiprint.verify.Failure;
import dev.sensiprint.verify.SampleOutcome;
import dev.sensiprint.verify.Verdict;
import dev.sensiprint.verify.VerificationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One verification of a watch.
 *
 * @param number 1 for the first round
 * @param startedAt when the round started
 * @param wallTime how long the round took
 * @param verdict the round's verdict
 * @param previous the verdict of the round before, null for the first round
 * @param queried how many samples were queried
 * @param mismatches how many answered samples differed
 * @param failures how many samples could not be judged
 * @param latencies the latency of each query, in query order
 */
public record Round(
        long number,
        Instant startedAt,
        Duration wallTime,
        Verdict verdict,
        Verdict previous,
        int queried,
        int mismatches,
        int failures,
        List<Duration> latencies) {

    public Round {
        if (number < 1 || startedAt == null || wallTime == null || verdict == null) {
            throw new IllegalArgumentException("number, start, wall time and verdict are required");
        }
        latencies = List.copyOf(latencies);
    }

    static Round of(
            long number,
            Instant startedAt,
            Duration wallTime,
            VerificationResult r,
            Verdict previous) {
        return new Round(
                number,
                startedAt,
                wallTime,
                r.verdict(),
                previous,
                r.outcomes().size(),
                (int) r.differedCount(),
                (int) r.failedCount(),
                r.outcomes().stream().map(SampleOutcome::latency).toList());
    }

    /**
     * A round that could not verify at all (e.g. a sample the endpoint cannot be sent):
     * INCONCLUSIVE with the reason, so that the watch goes on.
     */
    static Round failed(
            long number, Instant startedAt, Duration wallTime, String reason, Verdict previous) {
        return new Round(
                number,
                startedAt,
                wallTime,
                new Verdict.Inconclusive(List.of(new Failure("-", reason))),
                previous,
                0,
                0,
                1,
                List.of());
    }

    /** True when the verdict differs from the previous round's, or this is the first round. */
    public boolean verdictChanged() {
        return previous == null || !previous.name().equals(verdict.name());
    }
}
