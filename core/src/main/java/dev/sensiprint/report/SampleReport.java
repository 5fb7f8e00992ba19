package dev.sensiprint.report;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One queried sample in a report.
 *
 * @param id the sample's id
 * @param result matched, differs or failed
 * @param latency query latency
 * @param detail for a difference what differed and how, for a failure its reason; empty when
 *     matched
 * @param expected the genuine model's output vector
 * @param received what the server answered, or null when it answered nothing
 * @param expectedTop the expected output's top classes, best first
 * @param receivedTop the answer's top classes, best first; empty when there is no answer or it has
 *     another length than the expected one
 * @param differing classes whose received value differs from the expected in the comparison mode (a
 *     hint for the eye; {@code result} and {@code detail} are the judgement)
 * @param previewPng the sample's preview (seed, sample, amplified difference) as PNG bytes, or null
 *     when it could not be drawn
 */
public record SampleReport(
        String id,
        SampleResult result,
        Duration latency,
        String detail,
        float[] expected,
        float[] received,
        List<RankedValue> expectedTop,
        List<RankedValue> receivedTop,
        Set<Integer> differing,
        byte[] previewPng) {

    public SampleReport {
        if (id == null || result == null || latency == null || detail == null) {
            throw new IllegalArgumentException("id, result, latency and detail are required");
        }
        if (expected == null) {
            throw new IllegalArgumentException("sample " + id + ": expected output is required");
        }
        expectedTop = List.copyOf(expectedTop);
        receivedTop = List.copyOf(receivedTop);
        differing = Set.copyOf(differing);
    }
}
