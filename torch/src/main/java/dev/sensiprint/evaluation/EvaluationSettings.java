package dev.sensiprint.evaluation;

import dev.sensiprint.attack.Attack;
import dev.sensiprint.generate.GeneratorSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How an evaluation runs.
 *
 * @param attacks the attacks, each applied to {@code copies} copies (one copy when the attack is
 *     not randomised: every seed gives the same tampered model)
 * @param copies tampered copies per randomised attack, each with its own seed
 * @param poolSize samples per pool before calibration drops unsafe ones
 * @param maxN the largest number of queries reported
 * @param generator how sensitive samples are generated
 * @param safety the calibration safety factor
 * @param threads libtorch intra-op threads of the reference outputs
 * @param rngSeed seed of every random choice (seeds, noise images, attack copies)
 */
public record EvaluationSettings(
        List<Attack> attacks,
        int copies,
        int poolSize,
        int maxN,
        GeneratorSettings generator,
        double safety,
        int threads,
        long rngSeed) {

    public EvaluationSettings {
        if (attacks == null || attacks.isEmpty()) {
            throw new IllegalArgumentException("at least one attack is needed");
        }
        attacks = List.copyOf(attacks);
        Set<String> specs = new HashSet<>();
        for (Attack a : attacks) {
            if (!specs.add(a.spec())) {
                throw new IllegalArgumentException("attack " + a.spec() + " is listed twice");
            }
        }
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be at least 1, got " + copies);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1, got " + poolSize);
        }
        if (maxN < 1 || maxN > poolSize) {
            throw new IllegalArgumentException(
                    "max N must be in 1.." + poolSize + " (the pool size), got " + maxN);
        }
        if (generator == null) {
            throw new IllegalArgumentException("generator settings must be given");
        }
        if (!(safety >= 1)) {
            throw new IllegalArgumentException("safety factor must be >= 1, got " + safety);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** How many copies {@code attack} gets. */
    public int copiesOf(Attack attack) {
        return attack.randomised() ? copies : 1;
    }
}
