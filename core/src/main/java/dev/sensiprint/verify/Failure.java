package dev.sensiprint.verify;

/**
 * A sample that could not be judged: the query failed, or its answer cannot be compared.
 *
 * @param sampleId the sample queried
 * @param reason one line
 */
public record Failure(String sampleId, String reason) {

    public Failure {
        if (sampleId == null || reason == null) {
            throw new IllegalArgumentException("sample id and reason are required");
        }
    }

    @Override
    public String toString() {
        return sampleId + ": " + reason;
    }
}
