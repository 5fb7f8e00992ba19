package dev.sensiprint.fingerprint.file;

import dev.sensiprint.error.BadInputException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * An output stream that compares what is written with the file, byte by byte, and fails at the
 * first difference, naming the byte offset and what lies there.
 */
final class CanonicalComparison extends OutputStream {

    private static final int CHUNK = 64 * 1024;

    private final Source source;
    private final ZipContainer zip;
    private final MessageDigest sha = Digests.newSha256();
    private final byte[] buffer = new byte[CHUNK];
    private long position;

    CanonicalComparison(Source source, ZipContainer zip) {
        this.source = source;
        this.zip = zip;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (position >= source.size()) {
                throw notCanonical(
                        "the file ends at byte " + source.size() + ", the canonical form goes on");
            }
            int n = (int) Math.min(Math.min(len, CHUNK), source.size() - position);
            source.read(position, buffer, 0, n);
            int diff = java.util.Arrays.mismatch(buffer, 0, n, b, off, off + n);
            if (diff >= 0) {
                long at = position + diff;
                throw notCanonical("byte " + at + " (" + zip.regionAt(at) + ") differs");
            }
            sha.update(buffer, 0, n);
            position += n;
            off += n;
            len -= n;
        }
    }

    /** Checks that the whole file was matched; returns its SHA-256. */
    String finish() {
        if (position != source.size()) {
            throw notCanonical(
                    (source.size() - position) + " bytes after the end of the canonical form");
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private BadInputException notCanonical(String what) {
        return new BadInputException(source.name() + ": not in canonical form: " + what);
    }
}
