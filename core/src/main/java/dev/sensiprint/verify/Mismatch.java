package dev.sensiprint.verify;

/**
 * A served output that differs from the fingerprint's: evidence of tampering.
 *
 * @param sampleId the sample queried
 * @param what what differed, e.g. "top-1 label" or "class 3 off by 2.1e-02 (tolerance 1.0e-03)"
 * @param expected the genuine model's value, summarised
 * @param received the served model's value, summarised
 */
public record Mismatch(String sampleId, String what, String expected, String received) {

    public Mismatch {
        if (sampleId == null || what == null || expected == null || received == null) {
            throw new IllegalArgumentException("every mismatch field is required");
        }
    }

    @Override
    public String toString() {
        return sampleId + ": " + what + ": expected " + expected + ", received " + received;
    }
}
