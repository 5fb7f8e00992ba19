package dev.sensiprint.attack;

import java.util.random.RandomGenerator;

/**
 * The identity: changes nothing. The control of an evaluation (a clean copy must verify INTACT) and
 * the check that saving a model loses nothing.
 */
public record NoChange() implements Attack {

    @Override
    public String name() {
        return "none";
    }

    @Override
    public String spec() {
        return "none";
    }

    @Override
    public boolean randomised() {
        return false;
    }

    @Override
    public TamperReport apply(WeightSet weights, RandomGenerator random) {
        return TamperReport.measure(spec(), weights, () -> "no change (control)");
    }
}
