package dev.sensiprint.fingerprint;

import java.util.Arrays;

/**
 * Per-channel normalisation {@code (x - mean) / std} that the model expects on [0,1] pixels. The
 * generator applies it inside the differentiable graph so that a sample stays a valid image;
 * servers are sent the raw pixels when {@link #insideModel()} is true, normalised ones otherwise.
 *
 * @param mean one value per channel, or empty for none
 * @param std one positive value per channel, or empty for none
 * @param insideModel true when the served model normalises its input itself
 */
public record Preprocessing(float[] mean, float[] std, boolean insideModel) {

    public static final Preprocessing NONE = new Preprocessing(new float[0], new float[0], true);

    public Preprocessing {
        if (mean == null || std == null || mean.length != std.length) {
            throw new IllegalArgumentException("mean and std must have one value per channel each");
        }
        for (float s : std) {
            if (!(s > 0) || !Float.isFinite(s)) {
                throw new IllegalArgumentException("std values must be positive, got " + s);
            }
        }
        for (float m : mean) {
            if (!Float.isFinite(m)) {
                throw new IllegalArgumentException("mean values must be finite, got " + m);
            }
        }
    }

    public boolean isIdentity() {
        return mean.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preprocessing p
                && Arrays.equals(mean, p.mean)
                && Arrays.equals(std, p.std)
                && insideModel == p.insideModel;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(mean) + Arrays.hashCode(std))
                + Boolean.hashCode(insideModel);
    }

    @Override
    public String toString() {
        return isIdentity()
                ? "none"
                : "mean=" + Arrays.toString(mean) + " std=" + Arrays.toString(std);
    }
}
