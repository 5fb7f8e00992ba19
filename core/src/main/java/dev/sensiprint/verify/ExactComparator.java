package dev.sensiprint.verify;

import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.tensor.FloatTensor;

/**
 * EXACT: every output component has the same float32 bit pattern (so 0.0 and -0.0 differ). Only
 * meaningful when the server runs the same runtime, threads and batch size as the fingerprinting.
 */
final class ExactComparator implements OutputComparator {

    @Override
    public Comparison compare(FingerprintSample sample, FloatTensor received) {
        Comparison.NotComparable bad = Outputs.precheck(sample, received);
        if (bad != null) {
            return bad;
        }
        float[] e = sample.expected().data();
        float[] r = received.data();
        for (int i = 0; i < e.length; i++) {
            if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(r[i])) {
                return new Comparison.Differed(
                        new Mismatch(
                                sample.id(),
                                "class " + i + " float32 bits",
                                bits(e[i]),
                                bits(r[i])));
            }
        }
        return new Comparison.Matched();
    }

    private static String bits(float f) {
        return f + " (0x" + String.format("%08x", Float.floatToRawIntBits(f)) + ")";
    }

    @Override
    public String describe() {
        return "float32 bits";
    }
}
