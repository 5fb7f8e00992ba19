package dev.sensiprint.evaluation;

import dev.sensiprint.attack.TamperReport;
import dev.sensiprint.attack.TrainingEffect;
import dev.sensiprint.detection.QueryRatio;
import java.util.List;
import java.util.Optional;

/**
 * What one attack did and how each pool detected it.
 *
 * @param spec the attack's canonical spec
 * @param copies tampered copies made
 * @param meanChangedFraction the fraction of W changed, averaged over copies
 * @param reports every copy's tamper report, in copy order
 * @param pools detection per pool, in {@link PoolKind} order
 * @param seconds wall time of this attack
 */
public record AttackResult(
        String spec,
        int copies,
        double meanChangedFraction,
        List<TamperReport> reports,
        List<PoolDetection> pools,
        double seconds) {

    public AttackResult {
        reports = List.copyOf(reports);
        if (reports.size() != copies) {
            throw new IllegalArgumentException(
                    copies + " copies but " + reports.size() + " tamper reports");
        }
        pools = List.copyOf(pools);
    }

    /** Whether the pool {@code kind} was evaluated. */
    public boolean has(PoolKind kind) {
        return pools.stream().anyMatch(p -> p.kind() == kind);
    }

    /** The first copy's tamper report, one line. */
    public String example() {
        return reports.get(0).summary();
    }

    /**
     * What the copies did to the model's behaviour on average (accuracy before and after, a
     * trojan's or poisoning's success rate); empty for attacks that do not measure it (all but the
     * training attacks).
     */
    public Optional<TrainingEffect> meanEffect() {
        return TrainingEffect.mean(reports.stream().flatMap(r -> r.effect().stream()).toList());
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
