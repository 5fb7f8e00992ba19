package dev.sensiprint.verify;

import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.ComparisonSettings;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.tensor.FloatTensor;

/** Compares one served output with a sample's expected output in one {@link ComparisonMode}. */
public interface OutputComparator {

    /**
     * @param sample the fingerprint sample, holding the expected output
     * @param received what the server answered for it
     */
    Comparison compare(FingerprintSample sample, FloatTensor received);

    /** What is compared, e.g. "top-3 labels", for reports. */
    String describe();

    /**
     * The comparator for a mode.
     *
     * @param settings supplies k for TOPK and the tolerance for PROBS
     * @param kind what the fingerprint's expected outputs hold
     */
    static OutputComparator forMode(
            ComparisonMode mode, ComparisonSettings settings, OutputKind kind) {
        return switch (mode) {
            case LABEL -> new RankComparator(1);
            case TOPK -> new RankComparator(settings.topK());
            case PROBS -> new ToleranceComparator(settings.tolerance(), kind);
            case EXACT -> new ExactComparator();
        };
    }
}
