package dev.sensiprint.generate;

import dev.sensiprint.attack.Attack;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the fingerprint set by simulated tampering instead of neuron cover (issue 7): each attack
 * family is drawn {@code draws} times (once if it is not randomised), every candidate's top-1 label
 * is checked under each draw, and the set that catches the most draws is chosen jointly ({@code
 * FlipCoverSelector}).
 *
 * @param families the simulated attacks, e.g. noise and light pruning
 * @param draws copies of each randomised family
 */
public record JointSelection(List<Attack> families, int draws) {

    /**
     * Seeds of simulated draws start here, far from the small seeds an evaluation uses for its
     * tampered copies, so that selection never sees the copies it is scored on.
     */
    static final long SEED_BASE = 1L << 40;

    public JointSelection {
        families = List.copyOf(families);
        if (families.isEmpty() || draws < 1) {
            throw new IllegalArgumentException(
                    "joint selection needs at least one attack family and one draw");
        }
    }

    /** Every simulated change: an attack and the seed of its draw. */
    public List<SimulatedChange> changes() {
        List<SimulatedChange> out = new ArrayList<>();
        for (int f = 0; f < families.size(); f++) {
            Attack a = families.get(f);
            int n = a.randomised() ? draws : 1;
            for (int d = 0; d < n; d++) {
                out.add(new SimulatedChange(a, SEED_BASE + 1000L * f + d));
            }
        }
        return out;
    }

    /** One simulated weight change. */
    public record SimulatedChange(Attack attack, long seed) {}
}
