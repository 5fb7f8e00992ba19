package dev.sensiprint.preview;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * Encodes 8-bit grey or RGB images as PNG, byte for byte the same on every machine.
 *
 * <p>Why not {@code ImageIO}: a fingerprint file must be a deterministic function of its content
 * (the reader re-creates it and compares bytes), and {@code ImageIO}'s PNG writer deflates through
 * the platform's zlib, whose output differs between zlib builds (zlib, zlib-ng, vendor forks) and
 * may change between JDK releases. This encoder writes its own deflate stream: one block with the
 * fixed Huffman codes of RFC 1951 §3.2.6, literals plus runs that repeat the previous byte
 * (distance 1). Rows are filtered with "Up" when they repeat the row above and "Sub" otherwise,
 * which turns the nearest-neighbour upscaled previews into long runs of zeros.
 */
public final class PngEncoder {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int MAX_RUN = 258;
    private static final int[] LENGTH_BASE = {
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
        131, 163, 195, 227, 258
    };
    private static final int[] LENGTH_EXTRA = {
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
    };

    private PngEncoder() {}

    /**
     * Encodes an image.
     *
     * @param width pixels per row, at least 1
     * @param height rows, at least 1
     * @param channels 1 (grey) or 3 (RGB)
     * @param pixels {@code height * width * channels} bytes, row by row, channels interleaved
     */
    public static byte[] encode(int width, int height, int channels, byte[] pixels) {
        if (width < 1 || height < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException(
                    "cannot encode " + width + "x" + height + "x" + channels + " as PNG");
        }
        int stride = Math.multiplyExact(width, channels);
        if ((long) stride * height != pixels.length) {
            throw new IllegalArgumentException("pixel buffer does not match the image size");
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bit depth
        header[9] = (byte) (channels == 1 ? 0 : 2); // colour type: grey or truecolour
        // compression, filter method, interlace: all 0
        chunk(png, "IHDR", header);
        chunk(png, "IDAT", zlib(filter(pixels, stride, height, channels)));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** An upper bound on {@link #encode}'s output size for an image of this size. */
    public static long maxEncodedSize(int width, int height, int channels) {
        long raw = (long) height * (1 + (long) width * channels);
        // Fixed-Huffman literals take at most 9 bits per byte; headers and trailers are small.
        return SIGNATURE.length + 25 + 12 + 12 + 2 + raw + (raw + 7) / 8 + 8;
    }

    private static byte[] filter(byte[] pixels, int stride, int height, int bpp) {
        byte[] out = new byte[height * (stride + 1)];
        for (int y = 0; y < height; y++) {
            int row = y * stride;
            int dst = y * (stride + 1);
            boolean repeat =
                    y > 0
                            && java.util.Arrays.equals(
                                    pixels, row, row + stride, pixels, row - stride, row);
            if (repeat) {
                out[dst] = 2; // Up: the row equals the one above, so every byte becomes 0
                continue;
            }
            out[dst] = 1; // Sub: difference to the pixel on the left
            for (int x = 0; x < stride; x++) {
                int left = x >= bpp ? pixels[row + x - bpp] : 0;
                out[dst + 1 + x] = (byte) (pixels[row + x] - left);
            }
        }
        return out;
    }

    private static byte[] zlib(byte[] data) {
        BitWriter bits = new BitWriter(data.length / 4 + 64);
        bits.write(0x78, 8); // CMF: deflate, 32 KiB window
        bits.write(
                0x01, 8); // FLG: no dictionary, check bits so that CMF*256+FLG is a multiple of 31
        bits.write(1, 1); // BFINAL
        bits.write(1, 2); // BTYPE 01: fixed Huffman codes
        int i = 0;
        while (i < data.length) {
            int run = 0;
            if (i > 0) {
                byte previous = data[i - 1];
                while (run < MAX_RUN && i + run < data.length && data[i + run] == previous) {
                    run++;
                }
            }
            if (run >= 3) {
                writeLength(bits, run);
                bits.writeCode(0, 5); // distance code 0: distance 1, no extra bits
                i += run;
            } else {
                writeSymbol(bits, data[i] & 0xFF);
                i++;
            }
        }
        writeSymbol(bits, 256); // end of block
        bits.alignToByte();
        Adler32 adler = new Adler32();
        adler.update(data);
        long check = adler.getValue();
        bits.write((int) (check >>> 24) & 0xFF, 8);
        bits.write((int) (check >>> 16) & 0xFF, 8);
        bits.write((int) (check >>> 8) & 0xFF, 8);
        bits.write((int) check & 0xFF, 8);
        return bits.toByteArray();
    }

    private static void writeLength(BitWriter bits, int length) {
        int code = LENGTH_BASE.length - 1;
        while (LENGTH_BASE[code] > length) {
            code--;
        }
        writeSymbol(bits, 257 + code);
        if (LENGTH_EXTRA[code] > 0) {
            bits.write(length - LENGTH_BASE[code], LENGTH_EXTRA[code]);
        }
    }

    /** RFC 1951 §3.2.6: the fixed literal/length code. */
    private static void writeSymbol(BitWriter bits, int symbol) {
        if (symbol < 144) {
            bits.writeCode(0x30 + symbol, 8);
        } else if (symbol < 256) {
            bits.writeCode(0x190 + symbol - 144, 9);
        } else if (symbol < 280) {
            bits.writeCode(symbol - 256, 7);
        } else {
            bits.writeCode(0xC0 + symbol - 280, 8);
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        png.writeBytes(length);
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] check = new byte[4];
        putInt(check, 0, (int) crc.getValue());
        png.writeBytes(check);
    }

    private static void putInt(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }

    /** Packs bits least-significant first, as deflate does. */
    private static final class BitWriter {
        private byte[] buffer;
        private int size;
        private int pending;
        private int pendingBits;

        BitWriter(int capacity) {
            buffer = new byte[Math.max(capacity, 16)];
        }

        /** Writes the low {@code count} bits of {@code value}, least significant first. */
        void write(int value, int count) {
            for (int b = 0; b < count; b++) {
                pending |= ((value >>> b) & 1) << pendingBits;
                if (++pendingBits == 8) {
                    flushByte();
                }
            }
        }

        /** Writes a Huffman code, which deflate packs most significant bit first. */
        void writeCode(int code, int length) {
            for (int b = length - 1; b >= 0; b--) {
                write((code >>> b) & 1, 1);
            }
        }

        void alignToByte() {
            if (pendingBits > 0) {
                flushByte();
            }
        }

        private void flushByte() {
            if (size == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.multiplyExact(buffer.length, 2));
            }
            buffer[size++] = (byte) pending;
            pending = 0;
            pendingBits = 0;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buffer, size);
        }
    }
}
