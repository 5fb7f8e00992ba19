package dev.sensiprint.evaluation;

import dev.sensiprint.detection.QueryRatio;
import java.util.List;

/**
 * What one attack did and how each pool detected it.
 *
 * @param spec the attack's canonical spec
 * @param copies tampered copies made
 * @param meanChangedFraction the fraction of W changed, averaged over copies
 * @param example the first copy's tamper report, one line
 * @param pools detection per pool, in {@link PoolKind} order
 * @param seconds wall time of this attack
 */
public record AttackResult(
        String spec,
        int copies,
        double meanChangedFraction,
        String example,
        List<PoolDetection> pools,
        double seconds) {

    public AttackResult {
        pools = List.copyOf(pools);
    }

    /** Whether the pool {@code kind} was evaluated. */
    public boolean has(PoolKind kind) {
        return pools.stream().anyMatch(p -> p.kind() == kind);
    }

    public PoolDetection pool(PoolKind kind) {
        return pools.stream()
                .filter(p -> p.kind() == kind)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + kind.id() + " pool"));
    }

    /**
     * Queries the natural baseline needs over those the pool needs for the target, by random
     * subsets, in label mode or probs mode.
     *
     * @throws IllegalArgumentException when the natural pool or {@code kind} was not evaluated
     */
    public QueryRatio naturalOver(PoolKind kind, boolean labelMode, double target) {
        ModeDetection base = mode(pool(PoolKind.NATURAL), labelMode);
        ModeDetection fp = mode(pool(kind), labelMode);
        return QueryRatio.of(base.smallestN(target), base.poolSize(), fp.smallestN(target));
    }

    static ModeDetection mode(PoolDetection p, boolean labelMode) {
        return labelMode ? p.label() : p.probs();
    }
}
