package dev.sensiprint.npy;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.tensor.FloatTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * NumPy {@code .npy} files, format version 1.0, holding one float32 little-endian array in C order.
 *
 * <p>The layout follows the format specification
 * (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html): the magic {@code
 * \x93NUMPY}, version bytes {@code 1 0}, a little-endian uint16 header length, and an ASCII header
 * holding a Python dict literal, padded with spaces and ended by {@code '\n'} so that the data
 * starts at a multiple of 64 bytes. Like {@code numpy.save} since NumPy 1.24, the dict is followed
 * by {@code 21 - len(repr(shape[0]))} spare spaces before the alignment padding, so that for the
 * same array this class writes the very bytes {@code numpy.save} writes.
 *
 * <p>The reader accepts only what the writer writes: descr {@code '<f4'}, not Fortran order,
 * version 1.0, the keys in NumPy's order, a data length that matches the shape, finite values.
 */
public final class Npy {

    /** The six magic bytes every {@code .npy} file starts with. */
    public static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** The preamble (magic, version, length, header) is padded to a multiple of this. */
    public static final int ALIGNMENT = 64;

    // numpy.lib.format.GROWTH_AXIS_MAX_DIGITS: room left so the first axis can grow in place.
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final int PREFIX_LENGTH = MAGIC.length + 2 + 2;
    private static final String DICT_START = "{'descr': '<f4', 'fortran_order': False, 'shape': (";
    private static final String DICT_END = "), }";

    private Npy() {}

    /** The complete preamble (magic to the closing newline) for an array of this shape. */
    public static byte[] preamble(int[] shape) {
        StringBuilder header = new StringBuilder(DICT_START).append(shapeLiteral(shape));
        header.append(DICT_END);
        if (shape.length > 0) {
            header.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
        }
        int unpadded = PREFIX_LENGTH + header.length() + 1;
        int padded = (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        header.append(" ".repeat(padded - unpadded)).append('\n');
        int headerLength = header.length();
        if (headerLength > 0xFFFF) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs a header beyond format 1.0");
        }
        ByteBuffer out = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLength);
        out.put(header.toString().getBytes(StandardCharsets.US_ASCII));
        return out.array();
    }

    /** The number of bytes {@link #toBytes} produces for a tensor of this shape. */
    public static long byteLength(int[] shape) {
        return preamble(shape).length + 4 * FloatTensor.elementCount(shape);
    }

    /**
     * The {@code .npy} encoding of a tensor.
     *
     * @throws IllegalArgumentException if a value is NaN or infinite (the reader would reject it)
     */
    public static byte[] toBytes(FloatTensor tensor) {
        if (!tensor.isFinite()) {
            throw new IllegalArgumentException(
                    "tensor " + Arrays.toString(tensor.shape()) + " holds NaN or infinity");
        }
        byte[] preamble = preamble(tensor.shape());
        long length = preamble.length + 4L * tensor.size();
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "tensor " + Arrays.toString(tensor.shape()) + " is too large for one array");
        }
        ByteBuffer out = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(preamble);
        out.asFloatBuffer().put(tensor.data());
        return out.array();
    }

    /**
     * Decodes a {@code .npy} file written by {@link #toBytes}.
     *
     * @param name what the bytes are, for messages (an entry or file name)
     * @throws BadInputException naming {@code name} and the first thing that is wrong
     */
    public static FloatTensor fromBytes(byte[] bytes, String name) {
        if (bytes.length < PREFIX_LENGTH
                || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw bad(name, "does not start with the .npy magic \\x93NUMPY");
        }
        if (bytes[6] != 1 || bytes[7] != 0) {
            throw bad(name, "format version " + bytes[6] + "." + bytes[7] + ", expected 1.0");
        }
        int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        int dataStart = PREFIX_LENGTH + headerLength;
        if (dataStart > bytes.length) {
            throw bad(name, "header length " + headerLength + " runs past the end of the data");
        }
        if (dataStart % ALIGNMENT != 0) {
            throw bad(name, "data starts at byte " + dataStart + ", not a multiple of 64");
        }
        int[] shape = parseHeader(bytes, dataStart, name);
        long count;
        try {
            count = FloatTensor.elementCount(shape);
        } catch (ArithmeticException e) {
            throw bad(name, "shape " + literal(shape) + " is too large");
        }
        long expected = dataStart + 4 * count;
        if (count > Integer.MAX_VALUE || expected != bytes.length) {
            throw bad(
                    name,
                    "shape "
                            + literal(shape)
                            + " needs "
                            + expected
                            + " bytes, found "
                            + bytes.length);
        }
        float[] data = new float[(int) count];
        ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer()
                .get(data);
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw bad(name, "value " + i + " is " + data[i] + "; only finite values allowed");
            }
        }
        return new FloatTensor(shape, data);
    }

    /** The shape as Python writes a tuple: {@code (10,)}, {@code (3, 32, 32)}, {@code ()}. */
    public static String literal(int[] shape) {
        return "(" + shapeLiteral(shape) + ")";
    }

    private static String shapeLiteral(int[] shape) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("negative dimension in shape");
            }
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return shape.length == 1 ? s.append(',').toString() : s.toString();
    }

    private static int[] parseHeader(byte[] bytes, int end, String name) {
        String header =
                new String(bytes, PREFIX_LENGTH, end - PREFIX_LENGTH, StandardCharsets.ISO_8859_1);
        if (!header.startsWith(DICT_START)) {
            throw bad(
                    name,
                    "header must start with "
                            + DICT_START
                            + " (float32 little-endian, C order), found "
                            + printable(header));
        }
        int close = header.indexOf(DICT_END, DICT_START.length());
        if (close < 0) {
            throw bad(name, "header dict is not closed: " + printable(header));
        }
        String dims = header.substring(DICT_START.length(), close);
        String padding = header.substring(close + DICT_END.length());
        if (!padding.matches(" *\n")) {
            throw bad(name, "header must end in spaces and one newline");
        }
        return parseShape(dims, name);
    }

    private static int[] parseShape(String dims, String name) {
        if (dims.isEmpty()) {
            return new int[0];
        }
        boolean single = dims.endsWith(",");
        String[] parts = (single ? dims.substring(0, dims.length() - 1) : dims).split(", ", -1);
        if (single != (parts.length == 1)) {
            throw bad(name, "malformed shape (" + dims + ")");
        }
        int[] shape = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (!p.matches("0|[1-9][0-9]{0,9}")) {
                throw bad(name, "malformed shape (" + dims + ")");
            }
            long d = Long.parseLong(p);
            if (d > Integer.MAX_VALUE) {
                throw bad(name, "dimension " + p + " is too large");
            }
            shape[i] = (int) d;
        }
        return shape;
    }

    private static String printable(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static BadInputException bad(String name, String what) {
        return new BadInputException(name + ": " + what);
    }
}
