package dev.sensiprint.attack;

import dev.sensiprint.tensor.FloatTensor;
import java.util.Arrays;

/**
 * A host copy of one float32 weight tensor, the working material of an {@link Attack}.
 *
 * <p>Deliberately mutable: {@code values} is the array an attack edits in place, row-major like the
 * tensor it was read from. Equality is by name, shape and bit pattern.
 *
 * @param name the parameter's name in the model, e.g. {@code fc1.weight}
 * @param shape the tensor's shape
 * @param values the tensor's values in row-major order
 */
public record WeightValues(String name, int[] shape, float[] values) {

    public WeightValues {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("weight name must not be blank");
        }
        if (shape == null || values == null) {
            throw new IllegalArgumentException(
                    "weight " + name + ": shape and values must be given");
        }
        if (FloatTensor.elementCount(shape) != values.length) {
            throw new IllegalArgumentException(
                    "weight "
                            + name
                            + ": shape "
                            + Arrays.toString(shape)
                            + " holds "
                            + FloatTensor.elementCount(shape)
                            + " values, got "
                            + values.length);
        }
    }

    public int size() {
        return values.length;
    }

    /** An independent copy (the arrays are cloned). */
    public WeightValues copy() {
        return new WeightValues(name, shape.clone(), values.clone());
    }

    /** The element at a flat index written as {@code name[i, j, ...]}, for reports. */
    public String element(int flat) {
        if (flat < 0 || flat >= values.length) {
            throw new IndexOutOfBoundsException(flat);
        }
        int[] index = new int[shape.length];
        int rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = rest % shape[d];
            rest /= shape[d];
        }
        StringBuilder s = new StringBuilder(name).append('[');
        for (int d = 0; d < index.length; d++) {
            s.append(d == 0 ? "" : ", ").append(index[d]);
        }
        return s.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightValues w
                && name.equals(w.name)
                && Arrays.equals(shape, w.shape)
                && Arrays.equals(values, w.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "WeightValues[" + name + " " + Arrays.toString(shape) + "]";
    }
}
