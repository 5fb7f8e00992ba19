package dev.sensiprint.model;

import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.fingerprint.Preprocessing;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What the user says about a model file before it is loaded.
 *
 * <p><b>Preprocessing, and what a server is sent.</b> {@code preprocessing} is the per-channel
 * {@code (x - mean) / std} the network expects on its pixels. {@link Preprocessing#insideModel()}
 * says whether the model artifact applies it itself; the file loaded here and the artifact a server
 * serves are taken to be the same thing, so one flag decides both sides consistently:
 *
 * <ul>
 *   <li>{@code insideModel = false} (the shared models: their files do not normalise): the loaders
 *       apply the normalisation before the network, inside the differentiable graph, so gradients
 *       are with respect to pixels; a server is sent normalised values.
 *   <li>{@code insideModel = true}: the file normalises by itself, the loaders add nothing, and a
 *       server is sent raw pixels in the value range.
 * </ul>
 *
 * <p>Either way a model's {@code forward}/{@code predict} takes raw pixels in [valueMin, valueMax].
 * Identity preprocessing ({@link Preprocessing#NONE}) means raw pixels everywhere.
 *
 * @param path the model file: a TorchScript archive (zip) or an ONNX model ({@code .onnx})
 * @param inputShape one input without the batch dimension, C×H×W
 * @param valueMin smallest pixel value (usually 0)
 * @param valueMax largest pixel value (usually 1)
 * @param preprocessing per-channel normalisation the network expects, or {@link Preprocessing#NONE}
 * @param declaredOutputKind logits or probabilities if the user knows; empty means detect it at
 *     load time (probabilities when every row of a few probe outputs is non-negative and sums to 1)
 */
public record ModelSpec(
        Path path,
        int[] inputShape,
        float valueMin,
        float valueMax,
        Preprocessing preprocessing,
        Optional<OutputKind> declaredOutputKind) {

    public ModelSpec {
        Objects.requireNonNull(path, "model path");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(declaredOutputKind, "declared output kind (use Optional.empty())");
        if (inputShape == null || inputShape.length != 3) {
            throw new IllegalArgumentException(
                    "input shape must be C×H×W (3 dimensions), got " + Arrays.toString(inputShape));
        }
        for (int d : inputShape) {
            if (d <= 0) {
                throw new IllegalArgumentException(
                        "input shape dimensions must be positive: " + Arrays.toString(inputShape));
            }
        }
        inputShape = inputShape.clone();
        if (!Float.isFinite(valueMin) || !Float.isFinite(valueMax) || !(valueMin < valueMax)) {
            throw new IllegalArgumentException(
                    "value range [" + valueMin + ", " + valueMax + "] is empty or not finite");
        }
        if (!preprocessing.isIdentity() && preprocessing.mean().length != inputShape[0]) {
            throw new IllegalArgumentException(
                    "preprocessing has "
                            + preprocessing.mean().length
                            + " channels, input shape "
                            + Arrays.toString(inputShape)
                            + " has "
                            + inputShape[0]);
        }
    }

    /** A model taking C×H×W pixels in [0,1], no preprocessing, output kind detected. */
    public static ModelSpec of(Path path, int channels, int height, int width) {
        return new ModelSpec(
                path,
                new int[] {channels, height, width},
                0f,
                1f,
                Preprocessing.NONE,
                Optional.empty());
    }

    /** The same input contract for another file: a tampered copy, or the network's ONNX twin. */
    public ModelSpec withPath(Path other) {
        return new ModelSpec(
                other, inputShape, valueMin, valueMax, preprocessing, declaredOutputKind);
    }

    public ModelSpec withPreprocessing(Preprocessing p) {
        return new ModelSpec(path, inputShape, valueMin, valueMax, p, declaredOutputKind);
    }

    /** The same spec with the output kind declared, so detection is skipped. */
    public ModelSpec withOutputKind(OutputKind kind) {
        return new ModelSpec(
                path, inputShape, valueMin, valueMax, preprocessing, Optional.of(kind));
    }

    public ModelSpec withValueRange(float min, float max) {
        return new ModelSpec(path, inputShape, min, max, preprocessing, declaredOutputKind);
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** Values in one input: C·H·W. */
    public int inputSize() {
        return inputShape[0] * inputShape[1] * inputShape[2];
    }

    /** True when the loaders must normalise before the network (the file does not). */
    public boolean normalisesBeforeNetwork() {
        return !preprocessing.isIdentity() && !preprocessing.insideModel();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec s
                && path.equals(s.path)
                && Arrays.equals(inputShape, s.inputShape)
                && Float.compare(valueMin, s.valueMin) == 0
                && Float.compare(valueMax, s.valueMax) == 0
                && preprocessing.equals(s.preprocessing)
                && declaredOutputKind.equals(s.declaredOutputKind);
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + Arrays.hashCode(inputShape);
    }

    @Override
    public String toString() {
        return path.getFileName()
                + " "
                + Arrays.toString(inputShape)
                + " range ["
                + valueMin
                + ", "
                + valueMax
                + "] preprocessing "
                + preprocessing
                + (preprocessing.isIdentity()
                        ? ""
                        : preprocessing.insideModel() ? " (in file)" : " (by loader)")
                + " output "
                + declaredOutputKind.map(Enum::name).orElse("detect");
    }
}
