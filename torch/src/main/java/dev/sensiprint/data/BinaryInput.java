package dev.sensiprint.data;

import dev.sensiprint.error.BadInputException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A data file read front to back, gzip-compressed or plain, whichever its first two bytes say (the
 * gzip magic 1f 8b), never the file name. It counts the uncompressed bytes it has delivered so that
 * every failure is reported as one line naming the file and the offset in the uncompressed stream
 * where reading failed.
 */
final class BinaryInput implements AutoCloseable {

    private static final int BUFFER = 1 << 16;

    private final Path file;
    private final InputStream in;
    private final boolean gzip;
    private long offset;

    private BinaryInput(Path file, InputStream in, boolean gzip) {
        this.file = file;
        this.in = in;
        this.gzip = gzip;
    }

    /** Opens {@code file}, detecting gzip by its magic bytes. */
    static BinaryInput open(Path file) {
        InputStream raw;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        } catch (NoSuchFileException e) {
            throw new BadInputException(name(file) + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(name(file) + ": cannot open: " + e.getMessage(), e);
        }
        boolean gzip;
        try {
            raw.mark(2);
            gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
        } catch (IOException e) {
            closeQuietly(raw);
            throw new BadInputException(name(file) + ": cannot read: " + e.getMessage(), e);
        }
        if (!gzip) {
            return new BinaryInput(file, raw, false);
        }
        try {
            InputStream unzipped = new GZIPInputStream(raw, BUFFER);
            return new BinaryInput(file, new BufferedInputStream(unzipped, BUFFER), true);
        } catch (IOException e) {
            closeQuietly(raw);
            String what = e instanceof EOFException ? "truncated" : "corrupt";
            throw new BadInputException(
                    name(file) + ": " + what + " gzip header: " + e.getMessage(), e);
        }
    }

    /** The file as given (relative or absolute), used in messages. */
    String fileName() {
        return name(file);
    }

    Path file() {
        return file;
    }

    boolean isGzip() {
        return gzip;
    }

    /** Bytes of the uncompressed stream delivered so far. */
    long offset() {
        return offset;
    }

    /**
     * Reads exactly {@code length} bytes for {@code what} ("image 9999"), failing with the offset
     * where the data ended if it ends early.
     */
    void readFully(byte[] buffer, int start, int length, String what) {
        long begin = offset;
        int done = 0;
        try {
            while (done < length) {
                int n = in.read(buffer, start + done, length - done);
                if (n < 0) {
                    break;
                }
                done += n;
                offset += n;
            }
        } catch (IOException e) {
            throw failure(e, length, what, begin);
        }
        if (done < length) {
            throw truncated(length, what, begin, "");
        }
    }

    /** Reads a big-endian 32-bit integer for {@code what}. */
    int readInt(String what) {
        byte[] b = new byte[4];
        readFully(b, 0, 4, what);
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    /** The next byte (0..255), or -1 when the data ends cleanly here. */
    int readByteOrEnd(String what) {
        try {
            int b = in.read();
            if (b >= 0) {
                offset++;
            }
            return b;
        } catch (IOException e) {
            throw failure(e, 1, what, offset);
        }
    }

    /**
     * Up to {@code buffer.length} bytes, or -1 at the end: for passes over the whole stream
     * (counting its length, checksums).
     */
    int readSome(byte[] buffer) {
        try {
            int n = in.read(buffer, 0, buffer.length);
            if (n > 0) {
                offset += n;
            }
            return n;
        } catch (IOException e) {
            throw failure(e, buffer.length, "data", offset);
        }
    }

    /** Everything from here to the end of the (uncompressed) data. */
    byte[] readAll(String what) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[BUFFER];
        int n;
        try {
            while ((n = in.read(chunk)) >= 0) {
                out.write(chunk, 0, n);
                offset += n;
            }
        } catch (IOException e) {
            throw failure(e, BUFFER, what, offset);
        }
        return out.toByteArray();
    }

    /**
     * Fails unless the data ends here. Reading to the end is also what makes gzip check its CRC and
     * length trailer, so a damaged trailer is caught here too.
     */
    void expectEnd(String after) {
        long end = offset;
        if (readByteOrEnd("end of data") < 0) {
            return;
        }
        byte[] rest = new byte[BUFFER];
        long extra = 1;
        int n;
        while ((n = readSome(rest)) >= 0) {
            extra += n;
        }
        throw error("unexpected " + bytes(extra) + " at offset " + end + " after " + after);
    }

    /** A one-line input error naming this file. */
    BadInputException error(String message) {
        return new BadInputException(fileName() + ": " + message);
    }

    private BadInputException failure(IOException e, int length, String what, long begin) {
        if (e instanceof EOFException) {
            // GZIPInputStream's "Unexpected end of ZLIB input stream": the compressed file was cut.
            return truncated(length, what, begin, " (gzip data ends early)");
        }
        if (e instanceof ZipException) {
            return new BadInputException(
                    fileName()
                            + ": corrupt gzip data at offset "
                            + offset
                            + " while reading "
                            + what
                            + ": "
                            + e.getMessage(),
                    e);
        }
        return new BadInputException(
                fileName() + ": cannot read at offset " + offset + ": " + e.getMessage(), e);
    }

    private BadInputException truncated(int length, String what, long begin, String note) {
        String from = offset == begin ? "" : " from offset " + begin;
        return error(
                "truncated at offset "
                        + offset
                        + ": expected "
                        + bytes(length)
                        + " for "
                        + what
                        + from
                        + note);
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // Only read from; nothing was lost.
        }
    }

    /** "1 byte", "3 bytes". */
    static String bytes(long count) {
        return count + (count == 1 ? " byte" : " bytes");
    }

    static String name(Path file) {
        return file.toString();
    }
}
