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
 * @param joint how the joint pool was ordered, if it was built
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
        Optional<JointOrder> joint,
        List<FalsePositiveCheck> falsePositives,
        List<AttackResult> attacks,
        Map<String, String> environment,
        double seconds,
        double poolSeconds) {

    public EvaluationResult {
        pools = List.copyOf(pools);
        falsePositives = List.copyOf(falsePositives);
        attacks = List.copyOf(attacks);
        environment = Map.copyOf(environment);
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
