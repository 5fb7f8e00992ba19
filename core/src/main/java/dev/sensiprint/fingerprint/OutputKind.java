package dev.sensiprint.fingerprint;

/** What a model's output vector holds. */
public enum OutputKind {
    /** Unnormalised scores; the softmax is applied by whoever needs probabilities. */
    LOGITS,
    /** A probability vector (the model ends in a softmax); used as is. */
    PROBABILITIES
}
