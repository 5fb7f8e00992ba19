package dev.sensiprint.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sensiprint.fingerprint.Preprocessing;

/**
 * The per-channel {@code (x - mean) / std} a loader applies before the network when the model file
 * does not (see {@link ModelSpec}). As NDArray operations it is part of the autograd graph, so
 * gradients reach the pixels.
 */
final class PixelNormalisation {

    private final NDArray mean; // C×1×1, null when nothing is applied
    private final NDArray std;

    private PixelNormalisation(NDArray mean, NDArray std) {
        this.mean = mean;
        this.std = std;
    }

    /** Arrays are created in {@code modelManager} and live as long as the model. */
    static PixelNormalisation of(ModelSpec spec, NDManager modelManager) {
        if (!spec.normalisesBeforeNetwork()) {
            return new PixelNormalisation(null, null);
        }
        Preprocessing p = spec.preprocessing();
        Shape perChannel = new Shape(p.mean().length, 1, 1);
        return new PixelNormalisation(
                modelManager.create(p.mean(), perChannel),
                modelManager.create(p.std(), perChannel));
    }

    /** The network's input for pixels {@code x}; a new array on x's manager, or x itself. */
    NDArray apply(NDArray x) {
        return mean == null ? x : x.sub(mean).div(std);
    }

    /** The same arithmetic on plain floats (for engines without NDArrays): N×C×H×W in place. */
    static void applyInPlace(ModelSpec spec, float[] batch) {
        if (!spec.normalisesBeforeNetwork()) {
            return;
        }
        float[] m = spec.preprocessing().mean();
        float[] s = spec.preprocessing().std();
        int c = m.length;
        int plane = spec.inputSize() / c;
        for (int i = 0; i < batch.length; i++) {
            int ch = (i / plane) % c;
            batch[i] = (batch[i] - m[ch]) / s[ch];
        }
    }
}
