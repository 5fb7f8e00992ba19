package dev.sensiprint.evaluation;

import java.util.List;

/**
 * How a pool ordered by flip cover ({@link PoolKind#JOINT}, {@link PoolKind#JOINT_PAIRS}) was
 * ordered: by the greedy flip cover of simulated changes, drawn with seeds from 2^40 so that they
 * are never the evaluation's own copies.
 *
 * @param pool the pool so ordered
 * @param families the simulated attack families, as canonical specs
 * @param draws draws of each randomised family (deterministic ones are drawn once)
 * @param changes simulated changes in all
 * @param caughtAfter the fraction of simulated changes the first k+1 units (samples, or pairs) of
 *     the order catch
 * @param inSample attacks of the evaluation that are one of the simulated changes exactly: a
 *     deterministic attack (pruning, int8, fp16) among the families gives the same weights whatever
 *     the seed, so joint's in-order result on it is measured on the change it was chosen for
 */
public record JointOrder(
        PoolKind pool,
        List<String> families,
        int draws,
        int changes,
        List<Double> caughtAfter,
        List<String> inSample) {

    public JointOrder {
        families = List.copyOf(families);
        caughtAfter = List.copyOf(caughtAfter);
        inSample = List.copyOf(inSample);
    }

    /** The fraction of simulated changes the whole pool catches. */
    public double caught() {
        return caughtAfter.isEmpty() ? 0 : caughtAfter.get(caughtAfter.size() - 1);
    }
}
