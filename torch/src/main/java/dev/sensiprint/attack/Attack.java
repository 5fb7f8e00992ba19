package dev.sensiprint.attack;

import java.util.random.RandomGenerator;

/**
 * A tampering of a model's weights W (method.md §6), applied to host copies of W.
 *
 * <p>Every attack is a value: its parameters are fixed at construction and its {@link #spec()}
 * parses back to an equal attack ({@link AttackSpecs#parse}). Randomness comes only from the
 * generator passed in, so a seeded generator makes the result reproducible; nothing reads the
 * clock.
 */
public interface Attack {

    /** The attack's name as written in specs, e.g. {@code prune}. */
    String name();

    /** The canonical command-line spec with every parameter, e.g. {@code noise:r=0.001,q=0.01}. */
    String spec();

    /**
     * Whether the result depends on the random generator. Deterministic attacks (pruning,
     * quantisation, float16) give one tampered model whatever the seed, so an evaluation needs only
     * one copy of them.
     */
    boolean randomised();

    /**
     * Whether the attack trains the model and so needs labelled images ({@link TrainingAttack});
     * the others edit W directly.
     */
    default boolean needsData() {
        return false;
    }

    /**
     * Tampers with {@code weights} in place.
     *
     * @return what changed, measured before against after
     */
    TamperReport apply(WeightSet weights, RandomGenerator random);
}
