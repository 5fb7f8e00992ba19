package dev.sensiprint.fingerprint;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The model a fingerprint was made from.
 *
 * @param sha256 lower-case hex SHA-256 of the model file
 * @param fileName the model file's name (no directories), for humans only
 * @param inputShape one input without the batch dimension, e.g. {@code [3, 32, 32]}
 * @param valueMin smallest pixel value, usually 0
 * @param valueMax largest pixel value, usually 1
 * @param preprocessing normalisation applied to pixels before the network
 * @param outputKind logits or probabilities
 * @param numClasses length of the output vector
 */
public record ModelInfo(
        String sha256,
        String fileName,
        int[] inputShape,
        float valueMin,
        float valueMax,
        Preprocessing preprocessing,
        OutputKind outputKind,
        int numClasses) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ModelInfo {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("model sha256 must be 64 lower-case hex digits");
        }
        if (fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("model file name must not be blank");
        }
        if (inputShape == null || inputShape.length == 0) {
            throw new IllegalArgumentException("input shape must have at least one dimension");
        }
        for (int d : inputShape) {
            if (d <= 0) {
                throw new IllegalArgumentException(
                        "input shape dimensions must be positive: " + Arrays.toString(inputShape));
            }
        }
        if (!(valueMin < valueMax)) {
            throw new IllegalArgumentException(
                    "value range [" + valueMin + ", " + valueMax + "] is empty");
        }
        if (preprocessing == null || outputKind == null) {
            throw new IllegalArgumentException("preprocessing and output kind must be given");
        }
        if (!preprocessing.isIdentity() && preprocessing.mean().length != inputShape[0]) {
            throw new IllegalArgumentException(
                    "preprocessing has "
                            + preprocessing.mean().length
                            + " channels, input shape has "
                            + inputShape[0]);
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException(
                    "a classifier needs at least 2 classes, got " + numClasses);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelInfo m
                && sha256.equals(m.sha256)
                && fileName.equals(m.fileName)
                && Arrays.equals(inputShape, m.inputShape)
                && Float.compare(valueMin, m.valueMin) == 0
                && Float.compare(valueMax, m.valueMax) == 0
                && preprocessing.equals(m.preprocessing)
                && outputKind == m.outputKind
                && numClasses == m.numClasses;
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    @Override
    public String toString() {
        return fileName + " " + Arrays.toString(inputShape) + " sha256=" + sha256.substring(0, 12);
    }
}
