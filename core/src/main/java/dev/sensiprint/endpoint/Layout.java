package dev.sensiprint.endpoint;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.tensor.FloatTensor;
import java.util.Locale;

/**
 * How an image input is laid out on the wire. Fingerprints store images channels first (C×H×W, the
 * PyTorch convention); TensorFlow models usually take channels last (H×W×C).
 */
public enum Layout {
    /** C×H×W, as stored: sent unchanged. */
    NCHW,
    /** H×W×C: a rank-3 input is transposed before sending. */
    NHWC;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Layout fromId(String id) {
        for (Layout l : values()) {
            if (l.id().equalsIgnoreCase(id)) {
                return l;
            }
        }
        throw new BadInputException("unknown layout '" + id + "' (expected nchw or nhwc)");
    }

    /**
     * Arranges a channels-first input for the wire.
     *
     * @throws BadInputException when channels-last is asked for an input that is not C×H×W
     */
    public FloatTensor arrange(FloatTensor chw) {
        if (this == NCHW) {
            return chw;
        }
        int[] s = chw.shape();
        if (s.length != 3) {
            throw new BadInputException(
                    "layout nhwc needs a C×H×W input, got rank " + s.length + " input");
        }
        int c = s[0];
        int h = s[1];
        int w = s[2];
        float[] src = chw.data();
        float[] dst = new float[src.length];
        for (int ci = 0; ci < c; ci++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    dst[(y * w + x) * c + ci] = src[(ci * h + y) * w + x];
                }
            }
        }
        return new FloatTensor(new int[] {h, w, c}, dst);
    }
}
