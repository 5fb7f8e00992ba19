package dev.sensiprint.attack;

import dev.sensiprint.data.ImageShape;
import dev.sensiprint.train.LabeledBatch;
import java.util.Locale;

/**
 * A BadNets trigger (Gu et al. 2017): a square patch of the brightest pixel value in one corner of
 * every channel.
 *
 * @param size the patch's side in pixels
 * @param corner where it goes
 * @param value the patch's pixel value (the model's largest input value: white)
 */
public record Trigger(int size, Corner corner, float value) {

    /** A corner of the image: top/bottom, left/right. */
    public enum Corner {
        TL,
        TR,
        BL,
        BR
    }

    public Trigger {
        if (size < 1) {
            throw new IllegalArgumentException("trigger size must be at least 1, got " + size);
        }
    }

    /**
     * @throws IllegalArgumentException if the patch does not fit the image
     */
    public void requireFits(ImageShape shape) {
        if (size > shape.height() || size > shape.width()) {
            throw new IllegalArgumentException(
                    "a " + size + "x" + size + " trigger does not fit " + shape + " images");
        }
    }

    /** A copy of {@code b} with the trigger stamped on the images at {@code which}, relabelled. */
    public LabeledBatch stamp(LabeledBatch b, boolean[] which, int target) {
        ImageShape s = b.shape();
        float[] pixels = b.pixels().clone();
        int[] labels = b.labels().clone();
        int top = corner == Corner.TL || corner == Corner.TR ? 0 : s.height() - size;
        int left = corner == Corner.TL || corner == Corner.BL ? 0 : s.width() - size;
        for (int i = 0; i < labels.length; i++) {
            if (!which[i]) {
                continue;
            }
            labels[i] = target;
            for (int c = 0; c < s.channels(); c++) {
                int base = i * s.valueCount() + c * s.height() * s.width();
                for (int y = top; y < top + size; y++) {
                    for (int x = left; x < left + size; x++) {
                        pixels[base + y * s.width() + x] = value;
                    }
                }
            }
        }
        return new LabeledBatch(s, pixels, labels);
    }

    /** {@link #stamp} on every image. */
    public LabeledBatch stampAll(LabeledBatch b, int target) {
        boolean[] all = new boolean[b.size()];
        java.util.Arrays.fill(all, true);
        return stamp(b, all, target);
    }

    @Override
    public String toString() {
        return size + "x" + size + " at " + corner.name().toLowerCase(Locale.ROOT);
    }
}
