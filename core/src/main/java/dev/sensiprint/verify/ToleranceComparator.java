package dev.sensiprint.verify;

import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.tensor.FloatTensor;
import java.util.Locale;

/**
 * PROBS: every output component within the fingerprint's tolerance of the expected one.
 *
 * <p>The tolerance was calibrated in the space of the fingerprint's outputs (its {@link
 * OutputKind}), so values are compared there when the server answers in the same kind. A server may
 * answer in the other kind (a deployment that appends or drops the softmax); then both sides are
 * compared as probabilities, which is the only space both can be mapped into (logits cannot be
 * recovered from probabilities):
 *
 * <ul>
 *   <li>fingerprint probabilities, server logits: the server's values go through softmax and the
 *       tolerance is used as calibrated;
 *   <li>fingerprint logits, server probabilities: the expected logits go through softmax and the
 *       tolerance is halved. Softmax is 1/2-Lipschitz in the max norm (row sums of |J| are 2p(1-p)
 *       <= 1/2), so logits that drift by at most t give probabilities that drift by at most t/2:
 *       the halved tolerance still admits all calibrated benign noise, and is no laxer than needed.
 * </ul>
 *
 * The server's kind is read from its values: a vector in [0, 1] summing to 1 is taken as
 * probabilities. The conversion happens only when the server's values look like the other kind and
 * the expected values do not, so a logit vector that happens to look like a distribution is
 * compared as it is.
 */
final class ToleranceComparator implements OutputComparator {

    private final double tolerance;
    private final OutputKind kind;

    ToleranceComparator(double tolerance, OutputKind kind) {
        if (!(tolerance >= 0) || !Double.isFinite(tolerance) || kind == null) {
            throw new IllegalArgumentException(
                    "a finite tolerance >= 0 and an output kind are required");
        }
        this.tolerance = tolerance;
        this.kind = kind;
    }

    @Override
    public Comparison compare(FingerprintSample sample, FloatTensor received) {
        Comparison.NotComparable bad = Outputs.precheck(sample, received);
        if (bad != null) {
            return bad;
        }
        float[] e = sample.expected().data();
        float[] r = received.data();
        boolean expectedLooksProb = Outputs.isDistribution(e);
        boolean receivedLooksProb = Outputs.isDistribution(r);
        double[] ev;
        double[] rv;
        double tol;
        String space;
        if (kind == OutputKind.LOGITS && receivedLooksProb && !expectedLooksProb) {
            ev = Outputs.softmax(e);
            rv = Outputs.widen(r);
            tol = tolerance / 2;
            space = "as probabilities: server answered probabilities, fingerprint holds logits";
        } else if (kind == OutputKind.PROBABILITIES && !receivedLooksProb && expectedLooksProb) {
            ev = Outputs.widen(e);
            rv = Outputs.softmax(r);
            tol = tolerance;
            space = "as probabilities: server answered logits";
        } else {
            ev = Outputs.widen(e);
            rv = Outputs.widen(r);
            tol = tolerance;
            space = kind == OutputKind.LOGITS ? "logits" : "probabilities";
        }
        int worst = 0;
        double worstDelta = -1;
        for (int i = 0; i < ev.length; i++) {
            double d = Math.abs(ev[i] - rv[i]);
            if (d > worstDelta) {
                worstDelta = d;
                worst = i;
            }
        }
        if (worstDelta > tol) {
            String what =
                    String.format(
                            Locale.ROOT,
                            "class %d off by %.3e (tolerance %.3e, %s)",
                            worst,
                            worstDelta,
                            tol,
                            space);
            return new Comparison.Differed(
                    new Mismatch(
                            sample.id(),
                            what,
                            Outputs.format(ev[worst]),
                            Outputs.format(rv[worst])));
        }
        return new Comparison.Matched();
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "outputs within %.3e", tolerance);
    }
}
