package dev.sensiprint.generate;

import dev.sensiprint.attack.Attack;
import dev.sensiprint.attack.AttackSpecs;
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
     * The subtle changes label-only verification finds hardest (method.md §7): noise r = 1e-3 on a
     * tenth and on all of the weights, 1 % pruning, float16.
     */
    public static final String DEFAULT_FAMILIES =
            "noise:r=1e-3,q=0.1;noise:r=1e-3,q=1;prune:p=1;fp16";

    /** Draws of each randomised family by default. */
    public static final int DEFAULT_DRAWS = 32;

    /**
     * Seeds of simulated draws start here. An evaluation seeds its tampered copies with hashes of
     * its rng seed and the attack instead, and names any attack a copy of which is nevertheless a
     * simulated change (the same seed, or a deterministic attack among the families) as in-sample,
     * so that a score measured on the changes the selection saw is never mistaken for one measured
     * on others.
     */
    static final long SEED_BASE = 1L << 40;

    public JointSelection {
        families = List.copyOf(families);
        if (families.isEmpty() || draws < 1) {
            throw new IllegalArgumentException(
                    "joint selection needs at least one attack family and one draw");
        }
    }

    /**
     * Families as {@code SPEC;SPEC...} (blank parts are skipped).
     *
     * @throws dev.sensiprint.error.BadInputException for a spec {@code AttackSpecs} rejects
     * @throws IllegalArgumentException for no family or fewer than one draw
     */
    public static JointSelection parse(String specs, int draws) {
        List<Attack> families = new ArrayList<>();
        for (String spec : specs.split(";")) {
            if (!spec.isBlank()) {
                families.add(AttackSpecs.parse(spec));
            }
        }
        return new JointSelection(families, draws);
    }

    /** {@link #DEFAULT_FAMILIES}, {@link #DEFAULT_DRAWS} draws each. */
    public static JointSelection defaults() {
        return parse(DEFAULT_FAMILIES, DEFAULT_DRAWS);
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
