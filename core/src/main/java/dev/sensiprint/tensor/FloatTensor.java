package dev.sensiprint.tensor;

import java.util.Arrays;

/**
 * A dense float32 tensor in row-major (C) order: an image (C×H×W), a batch, or an output vector.
 *
 * <p>Immutable by convention: the constructor copies neither array, so callers must not mutate what
 * they passed in or what {@link #data()} returns. Equality is by shape and bit pattern.
 */
public record FloatTensor(int[] shape, float[] data) {

    public FloatTensor {
        if (shape == null || data == null) {
            throw new IllegalArgumentException("shape and data must not be null");
        }
        long n = elementCount(shape);
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape "
                            + Arrays.toString(shape)
                            + " holds "
                            + n
                            + " values, data has "
                            + data.length);
        }
    }

    /** A tensor of the given shape filled with zeros. */
    public static FloatTensor zeros(int... shape) {
        long n = elementCount(shape);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
        }
        return new FloatTensor(shape.clone(), new float[(int) n]);
    }

    /** A one-dimensional tensor holding a copy of {@code values}. */
    public static FloatTensor vector(float... values) {
        return new FloatTensor(new int[] {values.length}, values.clone());
    }

    /**
     * The number of values a shape holds.
     *
     * @throws IllegalArgumentException if a dimension is negative
     */
    public static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return data.length;
    }

    /** The same values under another shape with the same element count. */
    public FloatTensor reshape(int... newShape) {
        return new FloatTensor(newShape.clone(), data);
    }

    /** True when every value is finite (no NaN, no infinity). */
    public boolean isFinite() {
        for (float v : data) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t
                && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
