package dev.sensiprint.sensitivity;

import java.util.Arrays;

/**
 * The classes C whose log-probabilities make up F(x) = Σ_{i∈C} log p_i(x). Chosen once from the
 * seed image and kept fixed while the sample is optimised, so that the objective does not jump when
 * the ranking of the outputs changes.
 *
 * @param classes distinct class indices, in the order they were chosen
 */
public record ClassSet(int[] classes) {

    public ClassSet {
        if (classes == null || classes.length == 0) {
            throw new IllegalArgumentException("a class set needs at least one class");
        }
        classes = classes.clone();
        if (Arrays.stream(classes).anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException(
                    "class indices must not be negative: " + Arrays.toString(classes));
        }
        if (Arrays.stream(classes).distinct().count() != classes.length) {
            throw new IllegalArgumentException(
                    "class indices must be distinct: " + Arrays.toString(classes));
        }
    }

    public static ClassSet of(int... classes) {
        return new ClassSet(classes);
    }

    @Override
    public int[] classes() {
        return classes.clone();
    }

    public int size() {
        return classes.length;
    }

    /** The set as a 0/1 mask over {@code numClasses} outputs. */
    float[] mask(int numClasses) {
        float[] mask = new float[numClasses];
        for (int c : classes) {
            if (c >= numClasses) {
                throw new IllegalArgumentException(
                        "class " + c + " is out of range for " + numClasses + " outputs");
            }
            mask[c] = 1f;
        }
        return mask;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassSet s && Arrays.equals(classes, s.classes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(classes);
    }

    @Override
    public String toString() {
        return "classes" + Arrays.toString(classes);
    }
}
