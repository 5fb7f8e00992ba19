package dev.sensiprint.data;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.tensor.FloatTensor;

/**
 * A strict reader of Netpbm grey and colour images (PGM P2/P5, PPM P3/P6) with any maxval from 1 to
 * 65535, as the Netpbm specification defines them: a header of whitespace-separated decimal width,
 * height and maxval (comments from '#' to the end of a line allowed between them); for the binary
 * kinds exactly one whitespace byte, then the samples (one byte each when maxval is below 256, else
 * two bytes big-endian); for the plain kinds, decimal samples separated by whitespace. A sample
 * above maxval, a short raster, or data after the image (a second image in the same file) is an
 * error naming the offset.
 *
 * <p>Written here rather than taken from a library because javax.imageio has no PNM reader and the
 * project needs only this much, with exact {@code value / maxval} scaling and errors that name the
 * offset.
 */
final class PnmDecoder {

    private final byte[] data;
    private final String file;
    private int pos;

    private PnmDecoder(byte[] data, String file) {
        this.data = data;
        this.file = file;
    }

    /** True if {@code data} starts with a PNM magic number (P1 to P7), supported or not. */
    static boolean looksLikePnm(byte[] data) {
        return data.length >= 2 && data[0] == 'P' && data[1] >= '1' && data[1] <= '7';
    }

    /**
     * Decodes a whole file.
     *
     * @param file the name used in messages
     * @return float32 C×H×W, C = 1 for PGM and 3 for PPM, values {@code sample / maxval}
     */
    static FloatTensor decode(byte[] data, String file) {
        return new PnmDecoder(data, file).decode();
    }

    private FloatTensor decode() {
        char kind = (char) data[1];
        boolean plain;
        int channels;
        switch (kind) {
            case '2' -> {
                plain = true;
                channels = 1;
            }
            case '3' -> {
                plain = true;
                channels = 3;
            }
            case '5' -> {
                plain = false;
                channels = 1;
            }
            case '6' -> {
                plain = false;
                channels = 3;
            }
            default ->
                    throw error(
                            "PNM type P"
                                    + kind
                                    + " is not supported (only PGM P2/P5 and PPM P3/P6)");
        }
        pos = 2;
        int width = headerNumber("width");
        int height = headerNumber("height");
        int maxval = headerNumber("maxval");
        if (width == 0 || height == 0) {
            throw error("image size " + width + "×" + height + " is empty");
        }
        if (maxval == 0 || maxval > 65535) {
            throw error("maxval " + maxval + " is outside 1..65535");
        }
        // The single whitespace byte that ends the header (headerNumber stopped on it).
        if (pos >= data.length) {
            throw error("truncated at offset " + pos + ": no pixel data after the header");
        }
        pos++;
        long samples = (long) channels * height * width;
        int bytesPerSample = plain ? 1 : (maxval < 256 ? 1 : 2);
        // Checked before allocating: each sample needs at least this many bytes of the file.
        if (samples * bytesPerSample > data.length - pos) {
            if (plain) {
                throw error(
                        "truncated: "
                                + width
                                + "×"
                                + height
                                + " needs "
                                + samples
                                + " samples, only "
                                + (data.length - pos)
                                + " bytes follow the header at offset "
                                + pos);
            }
            throw error(
                    "truncated at offset "
                            + data.length
                            + ": expected "
                            + samples * bytesPerSample
                            + " bytes of pixel data from offset "
                            + pos);
        }
        int[] values = new int[(int) samples];
        if (plain) {
            readPlain(values, maxval);
        } else {
            readBinary(values, maxval, bytesPerSample);
        }
        return toChw(values, channels, height, width, maxval);
    }

    private void readBinary(int[] values, int maxval, int bytesPerSample) {
        for (int i = 0; i < values.length; i++) {
            int at = pos;
            int v = data[pos++] & 0xFF;
            if (bytesPerSample == 2) {
                v = (v << 8) | (data[pos++] & 0xFF);
            }
            if (v > maxval) {
                throw error("sample " + v + " at offset " + at + " exceeds maxval " + maxval);
            }
            values[i] = v;
        }
        if (pos < data.length) {
            throw error(
                    BinaryInput.bytes(data.length - pos)
                            + " of unexpected data at offset "
                            + pos
                            + " after the image");
        }
    }

    private void readPlain(int[] values, int maxval) {
        for (int i = 0; i < values.length; i++) {
            skipWhitespace();
            if (pos >= data.length) {
                throw error(
                        "truncated at offset "
                                + pos
                                + ": expected "
                                + values.length
                                + " samples, found "
                                + i);
            }
            int at = pos;
            long v = sample("sample " + i);
            if (v > maxval) {
                throw error("sample " + v + " at offset " + at + " exceeds maxval " + maxval);
            }
            values[i] = (int) v;
        }
        skipWhitespace();
        if (pos < data.length) {
            throw error("unexpected data at offset " + pos + " after the image");
        }
    }

    /**
     * A header number after whitespace and comments; stops on the byte after its digits, which must
     * be whitespace (or, before the maxval, a comment).
     */
    private int headerNumber(String what) {
        int start = pos;
        while (pos < data.length && (isWhitespace(data[pos]) || data[pos] == '#')) {
            if (data[pos] == '#') {
                while (pos < data.length && data[pos] != '\n' && data[pos] != '\r') {
                    pos++;
                }
            } else {
                pos++;
            }
        }
        if (pos >= data.length) {
            throw error("truncated at offset " + pos + ": header ends before the " + what);
        }
        if (pos == start) {
            throw error("expected whitespace before the " + what + " at offset " + start);
        }
        long v = digits(what);
        boolean last = what.equals("maxval");
        if (pos < data.length && !isWhitespace(data[pos]) && (last || data[pos] != '#')) {
            throw unexpected(what);
        }
        if (v > Integer.MAX_VALUE) {
            throw error(what + " " + v + " is too large");
        }
        return (int) v;
    }

    /** A sample of the plain raster: digits followed by whitespace or the end of the file. */
    private long sample(String what) {
        long v = digits(what);
        if (pos < data.length && !isWhitespace(data[pos])) {
            throw unexpected(what);
        }
        return v;
    }

    /** A run of decimal digits at pos; values past 2^32 saturate (they are rejected anyway). */
    private long digits(String what) {
        int start = pos;
        long v = 0;
        while (pos < data.length && data[pos] >= '0' && data[pos] <= '9') {
            v = Math.min(v * 10 + (data[pos] - '0'), 1L << 32);
            pos++;
        }
        if (pos == start) {
            throw error(
                    "expected a decimal "
                            + what
                            + " at offset "
                            + start
                            + ", found "
                            + describe(data[start]));
        }
        return v;
    }

    private BadInputException unexpected(String what) {
        return error(
                "unexpected " + describe(data[pos]) + " at offset " + pos + " after the " + what);
    }

    private static String describe(byte b) {
        return b >= 0x21 && b < 0x7F
                ? "'" + (char) b + "'"
                : String.format("byte 0x%02x", b & 0xFF);
    }

    private void skipWhitespace() {
        while (pos < data.length && isWhitespace(data[pos])) {
            pos++;
        }
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == '\f';
    }

    /** Interleaved (row, column, channel) samples to channel-planar floats. */
    private static FloatTensor toChw(
            int[] values, int channels, int height, int width, int maxval) {
        int plane = height * width;
        float[] out = new float[values.length];
        float scale = maxval;
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < channels; c++) {
                out[c * plane + p] = values[p * channels + c] / scale;
            }
        }
        return new FloatTensor(new int[] {channels, height, width}, out);
    }

    private BadInputException error(String message) {
        return new BadInputException(file + ": " + message);
    }
}
