package dev.sensiprint.evaluation;

import dev.sensiprint.attack.Attack;
import dev.sensiprint.generate.GeneratorSettings;
import dev.sensiprint.generate.JointSelection;
import dev.sensiprint.generate.MarginTuning;
import dev.sensiprint.select.CoverLayers;
import dev.sensiprint.sensitivity.ClassSelection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
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
 * @param pools the pools to build and report, iterated in {@link PoolKind} order
 * @param marginTuning the band factor K and width W of the margin pools and a declared noise floor,
 *     if any
 * @param joint the simulated changes that order the {@link PoolKind#JOINT} and {@link
 *     PoolKind#JOINT_PAIRS} pools
 * @param classes the class set C of the sensitivity objective S (method.md §2) of every generated
 *     pool
 * @param cover the layers whose active neurons order each pool by MANC
 */
public record EvaluationSettings(
        List<Attack> attacks,
        int copies,
        int poolSize,
        int maxN,
        GeneratorSettings generator,
        double safety,
        int threads,
        long rngSeed,
        Set<PoolKind> pools,
        MarginTuning marginTuning,
        JointSelection joint,
        ClassSelection classes,
        CoverLayers cover) {

    /** C = top-1 and MANC on the penultimate layer, as the paper. */
    public EvaluationSettings(
            List<Attack> attacks,
            int copies,
            int poolSize,
            int maxN,
            GeneratorSettings generator,
            double safety,
            int threads,
            long rngSeed,
            Set<PoolKind> pools,
            MarginTuning marginTuning,
            JointSelection joint) {
        this(
                attacks,
                copies,
                poolSize,
                maxN,
                generator,
                safety,
                threads,
                rngSeed,
                pools,
                marginTuning,
                joint,
                ClassSelection.top1(),
                CoverLayers.PENULTIMATE);
    }

    /** Every pool, the default factor K with a measured floor, generate's joint defaults. */
    public EvaluationSettings(
            List<Attack> attacks,
            int copies,
            int poolSize,
            int maxN,
            GeneratorSettings generator,
            double safety,
            int threads,
            long rngSeed) {
        this(
                attacks,
                copies,
                poolSize,
                maxN,
                generator,
                safety,
                threads,
                rngSeed,
                EnumSet.allOf(PoolKind.class),
                new MarginTuning(MarginTuning.DEFAULT_FACTOR, OptionalDouble.empty()),
                JointSelection.defaults());
    }

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
        if (pools == null || pools.isEmpty()) {
            throw new IllegalArgumentException("at least one pool is needed");
        }
        pools = Collections.unmodifiableSet(EnumSet.copyOf(pools));
        if (marginTuning == null || joint == null || classes == null || cover == null) {
            throw new IllegalArgumentException(
                    "margin tuning, joint selection, the class set and the cover layers must be"
                            + " given");
        }
        if (pools.stream().anyMatch(PoolKind::tuned)) {
            marginTuning.requireAbove(safety);
        }
    }

    /** These settings with the class set C of the generated pools. */
    public EvaluationSettings withClasses(ClassSelection c) {
        return new EvaluationSettings(
                attacks,
                copies,
                poolSize,
                maxN,
                generator,
                safety,
                threads,
                rngSeed,
                pools,
                marginTuning,
                joint,
                c,
                cover);
    }

    /** Whether {@code kind} is built. */
    public boolean has(PoolKind kind) {
        return pools.contains(kind);
    }

    /** Whether the all-weights sensitive samples are generated (for their pool or to tune). */
    public boolean generatesSensitive() {
        return has(PoolKind.SENSITIVE) || tunesSensitive();
    }

    /**
     * Whether the sensitive samples are walked to the band: for their pool, or for joint's or the
     * pairs' (which are built from them, whether or not sensitive_margin is reported).
     */
    public boolean tunesSensitive() {
        return has(PoolKind.SENSITIVE_MARGIN) || has(PoolKind.JOINT) || buildsPairs();
    }

    /** Whether boundary pairs are built: for their pool, or for joint_pairs'. */
    public boolean buildsPairs() {
        return has(PoolKind.PAIRS) || has(PoolKind.JOINT_PAIRS);
    }

    /** How many copies {@code attack} gets. */
    public int copiesOf(Attack attack) {
        return attack.randomised() ? copies : 1;
    }
}
