package dev.sensiprint.data;

import java.util.Arrays;

/**
 * A byte array that grows as images are read. Headers and file lengths are not trusted for the
 * allocation: a corrupt count claiming billions of images must fail as truncated, not as an
 * OutOfMemoryError before the first byte is read.
 */
final class PixelBuffer {

    private static final int MAX_BYTES = Integer.MAX_VALUE - 16;
    private static final int FIRST_CAPACITY_CAP = 1 << 24;

    private byte[] data;
    private int size;

    /**
     * @param expected the bytes the header promises; only a hint, capped at 16 MiB
     */
    PixelBuffer(long expected) {
        data = new byte[(int) Math.max(0, Math.min(expected, FIRST_CAPACITY_CAP))];
    }

    /**
     * Makes room for {@code n} more bytes and returns where they start in {@link #array()}.
     *
     * @return start index, or -1 when the total would not fit in one Java array
     */
    int reserve(int n) {
        long needed = (long) size + n;
        if (needed > MAX_BYTES) {
            return -1;
        }
        if (needed > data.length) {
            long grown = Math.max(needed, Math.min(MAX_BYTES, data.length + (data.length >> 1)));
            data = Arrays.copyOf(data, (int) grown);
        }
        int start = size;
        size = (int) needed;
        return start;
    }

    /** The backing array; valid until the next {@link #reserve}. */
    byte[] array() {
        return data;
    }

    /** Exactly the bytes reserved so far (the backing array itself when it is full). */
    byte[] toArray() {
        return size == data.length ? data : Arrays.copyOf(data, size);
    }
}
