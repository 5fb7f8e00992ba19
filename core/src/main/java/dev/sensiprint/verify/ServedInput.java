package dev.sensiprint.verify;

import dev.sensiprint.fingerprint.ModelInfo;
import dev.sensiprint.fingerprint.Preprocessing;
import dev.sensiprint.tensor.FloatTensor;

/**
 * What the server is sent for a sample. Samples are stored in pixel space; a served model that does
 * not normalise its input itself ({@link Preprocessing#insideModel()} false) must be sent the
 * normalised values, computed in float32 as torchvision's Normalize does: (x - mean[c]) / std[c].
 */
final class ServedInput {

    private ServedInput() {}

    static FloatTensor of(ModelInfo model, FloatTensor pixels) {
        Preprocessing p = model.preprocessing();
        if (p.isIdentity() || p.insideModel()) {
            return pixels;
        }
        int channels = pixels.shape()[0];
        int per = pixels.size() / channels;
        float[] src = pixels.data();
        float[] dst = new float[src.length];
        for (int c = 0; c < channels; c++) {
            float m = p.mean()[c];
            float s = p.std()[c];
            for (int i = c * per; i < (c + 1) * per; i++) {
                dst[i] = (src[i] - m) / s;
            }
        }
        return new FloatTensor(pixels.shape().clone(), dst);
    }
}
