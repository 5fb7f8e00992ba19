package dev.sensiprint.evaluation;

import dev.sensiprint.fingerprint.ModelInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an evaluation measured.
 *
 * @param model the clean model
 * @param modelName the model file's name, for tables
 * @param seedsDescription where the seeds came from
 * @param settings how it ran
 * @param pools the pools asked for, in {@link PoolKind} order
 * @param tuning the one margin band of the margin pools, if any was built
 * @param joints how the pools ordered by flip cover were ordered, in {@link PoolKind} order
 * @param falsePositives the clean model under benign variation, per pool
 * @param attacks per attack, in the order asked
 * @param environment libtorch, DJL, Java, OS, cores
 * @param seconds wall time of the whole evaluation
 * @param poolSeconds wall time of building the pools (generation and calibration)
 */
public record EvaluationResult(
        ModelInfo model,
        String modelName,
        String seedsDescription,
        EvaluationSettings settings,
        List<SamplePool> pools,
        Optional<PoolTuning> tuning,
        List<JointOrder> joints,
        List<FalsePositiveCheck> falsePositives,
        List<AttackResult> attacks,
        Map<String, String> environment,
        double seconds,
        double poolSeconds) {

    public EvaluationResult {
        pools = List.copyOf(pools);
        joints = List.copyOf(joints);
        falsePositives = List.copyOf(falsePositives);
        attacks = List.copyOf(attacks);
        environment = Map.copyOf(environment);
    }

    /** How the pool {@code kind} was ordered by flip cover, if it was built and is so ordered. */
    public Optional<JointOrder> joint(PoolKind kind) {
        return joints.stream().filter(j -> j.pool() == kind).findFirst();
    }

    /**
     * Whether some copy of {@code attackSpec} is one of the simulated changes a flip-cover order
     * was chosen on (every such order simulates the same changes).
     */
    public boolean inSampleForJoint(String attackSpec) {
        return joints.stream().anyMatch(j -> j.inSample().contains(attackSpec));
    }

    /** Whether the pool {@code kind} was built. */
    public boolean has(PoolKind kind) {
        return pools.stream().anyMatch(p -> p.kind() == kind);
    }

    public SamplePool pool(PoolKind kind) {
        return pools.stream()
                .filter(p -> p.kind() == kind)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + kind.id() + " pool"));
    }

    public FalsePositiveCheck falsePositives(PoolKind kind) {
        return falsePositives.stream()
                .filter(p -> p.kind() == kind)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + kind.id() + " pool"));
    }
}
