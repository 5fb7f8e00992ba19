package dev.sensiprint.fingerprint.file;

import dev.sensiprint.error.BadInputException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The entries of a zip archive, found by walking it from the first byte to the last.
 *
 * <p>Every byte must belong to a local header, an entry's data, the central directory or the end
 * record, in that order, so nothing can hide between entries. Only stored (uncompressed) entries
 * are accepted: a compressed entry is refused before a single byte is inflated, so a zip bomb costs
 * nothing. Names that could escape a directory when extracted are refused. Header fields that do
 * not affect the content (times, versions, extra fields) are left to the canonical-form check.
 */
final class ZipContainer {

    /** One stored entry: where its data lies and its CRC-32. */
    record Entry(String name, long headerOffset, long dataOffset, long size, long crc) {
        long end() {
            return dataOffset + size;
        }
    }

    private static final int LOCAL_HEADER_SIZE = 30;
    private static final int CENTRAL_HEADER_SIZE = 46;
    private static final int END_RECORD_SIZE = 22;
    private static final int CHUNK = 64 * 1024;

    private final Source source;
    private final List<Entry> entries;
    private final long centralDirectoryOffset;

    private ZipContainer(Source source, List<Entry> entries, long centralDirectoryOffset) {
        this.source = source;
        this.entries = List.copyOf(entries);
        this.centralDirectoryOffset = centralDirectoryOffset;
    }

    List<Entry> entries() {
        return entries;
    }

    /** Parses the archive structure; reads headers only, never entry data. */
    static ZipContainer parse(Source source) {
        String file = source.name();
        long size = source.size();
        if (size < END_RECORD_SIZE + LOCAL_HEADER_SIZE
                || u32(source.read(0, 4), 0) != StoredZipWriter.LOCAL_HEADER) {
            throw new BadInputException(file + ": not a fingerprint file (not a zip archive)");
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long pos = 0;
        while (pos + 4 <= size && u32(source.read(pos, 4), 0) == StoredZipWriter.LOCAL_HEADER) {
            Entry e = localEntry(source, pos, entries.size());
            if (!names.add(e.name())) {
                throw new BadInputException(file + ": duplicate entry " + Names.quote(e.name()));
            }
            if (entries.size() == StoredZipWriter.MAX_ENTRIES) {
                throw new BadInputException(file + ": more than 65535 entries");
            }
            entries.add(e);
            pos = e.end();
        }
        long central = pos;
        for (Entry e : entries) {
            pos = checkCentralRecord(source, pos, e);
        }
        checkEndRecord(source, pos, central, entries.size());
        return new ZipContainer(source, entries, central);
    }

    private static Entry localEntry(Source source, long pos, int index) {
        String file = source.name();
        if (pos + LOCAL_HEADER_SIZE > source.size()) {
            throw new BadInputException(file + ": truncated local header at byte " + pos);
        }
        byte[] h = source.read(pos, LOCAL_HEADER_SIZE);
        int flags = u16(h, 6);
        int method = u16(h, 8);
        long crc = u32(h, 14);
        long compressed = u32(h, 18);
        long uncompressed = u32(h, 22);
        int nameLength = u16(h, 26);
        int extraLength = u16(h, 28);
        if (pos + LOCAL_HEADER_SIZE + nameLength > source.size()) {
            throw new BadInputException(file + ": truncated entry name at byte " + pos);
        }
        String name = decodeName(source.read(pos + LOCAL_HEADER_SIZE, nameLength), file, pos);
        checkName(name, file);
        String entry = file + ": entry " + Names.quote(name);
        if ((flags & 1) != 0) {
            throw new BadInputException(entry + " is encrypted");
        }
        if (method != 0) {
            throw new BadInputException(
                    entry
                            + " is compressed (method "
                            + method
                            + "); entries must be stored uncompressed");
        }
        if ((flags & 8) != 0) {
            throw new BadInputException(
                    entry + " uses a data descriptor; sizes must be in the header");
        }
        if (compressed == 0xFFFFFFFFL || uncompressed == 0xFFFFFFFFL) {
            throw new BadInputException(entry + " uses zip64, which this format does not");
        }
        if (compressed != uncompressed) {
            throw new BadInputException(
                    entry
                            + " is stored, but its sizes differ: "
                            + compressed
                            + " and "
                            + uncompressed);
        }
        long data = pos + LOCAL_HEADER_SIZE + nameLength + extraLength;
        if (data + compressed > source.size()) {
            throw new BadInputException(
                    entry + ": declared size " + compressed + " runs past the end of the file");
        }
        return new Entry(name, pos, data, compressed, crc);
    }

    private static long checkCentralRecord(Source source, long pos, Entry e) {
        String file = source.name();
        String entry = file + ": central directory record for " + Names.quote(e.name());
        if (pos + CENTRAL_HEADER_SIZE > source.size()) {
            throw new BadInputException(entry + " is missing or truncated (byte " + pos + ")");
        }
        byte[] h = source.read(pos, CENTRAL_HEADER_SIZE);
        if (u32(h, 0) != StoredZipWriter.CENTRAL_HEADER) {
            throw new BadInputException(entry + " expected at byte " + pos + ", found other data");
        }
        int nameLength = u16(h, 28);
        long next = pos + CENTRAL_HEADER_SIZE + nameLength + u16(h, 30) + u16(h, 32);
        if (next > source.size()) {
            throw new BadInputException(entry + " is truncated (byte " + pos + ")");
        }
        byte[] name = source.read(pos + CENTRAL_HEADER_SIZE, nameLength);
        boolean agrees =
                u16(h, 10) == 0
                        && u32(h, 16) == e.crc()
                        && u32(h, 20) == e.size()
                        && u32(h, 24) == e.size()
                        && u16(h, 34) == 0
                        && u32(h, 42) == e.headerOffset()
                        && java.util.Arrays.equals(name, e.name().getBytes(StandardCharsets.UTF_8));
        if (!agrees) {
            throw new BadInputException(entry + " disagrees with its local header");
        }
        return next;
    }

    private static void checkEndRecord(Source source, long pos, long central, int count) {
        String file = source.name();
        if (pos + END_RECORD_SIZE > source.size()) {
            throw new BadInputException(
                    file + ": end of central directory record missing (byte " + pos + ")");
        }
        byte[] h = source.read(pos, END_RECORD_SIZE);
        if (u32(h, 0) != StoredZipWriter.END_OF_CENTRAL_DIRECTORY) {
            throw new BadInputException(
                    file + ": expected the end of central directory record at byte " + pos);
        }
        boolean consistent =
                u16(h, 4) == 0
                        && u16(h, 6) == 0
                        && u16(h, 8) == count
                        && u16(h, 10) == count
                        && u32(h, 12) == pos - central
                        && u32(h, 16) == central;
        if (!consistent) {
            throw new BadInputException(
                    file + ": end of central directory record disagrees with the archive");
        }
        long end = pos + END_RECORD_SIZE + u16(h, 20);
        if (end != source.size()) {
            throw new BadInputException(
                    file
                            + ": "
                            + (source.size() - pos - END_RECORD_SIZE)
                            + " bytes of archive comment or trailing data");
        }
    }

    /**
     * Reads an entry's bytes after checking its size against {@code limit}, and checks its CRC.
     *
     * @param limitReason why the limit is what it is, for the message
     */
    byte[] read(Entry e, long limit, String limitReason) {
        if (e.size() > limit) {
            throw new BadInputException(
                    source.name()
                            + ": entry "
                            + Names.quote(e.name())
                            + " has "
                            + e.size()
                            + " bytes, more than "
                            + limit
                            + " ("
                            + limitReason
                            + ")");
        }
        byte[] data = source.read(e.dataOffset(), (int) e.size());
        CRC32 crc = new CRC32();
        crc.update(data);
        checkCrc(e, crc.getValue());
        return data;
    }

    /** Streams an entry through CRC-32 and SHA-256 without holding it; returns the SHA-256 hex. */
    String sha256(Entry e) {
        MessageDigest sha = Digests.newSha256();
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[(int) Math.min(CHUNK, Math.max(1, e.size()))];
        long done = 0;
        while (done < e.size()) {
            int n = (int) Math.min(buffer.length, e.size() - done);
            source.read(e.dataOffset() + done, buffer, 0, n);
            sha.update(buffer, 0, n);
            crc.update(buffer, 0, n);
            done += n;
        }
        checkCrc(e, crc.getValue());
        return HexFormat.of().formatHex(sha.digest());
    }

    String sourceName() {
        return source.name();
    }

    /**
     * The offset of the first byte where an entry's stored content differs from {@code expected} (a
     * length difference counts from the shorter one's end), or -1 if equal.
     */
    long firstDifference(Entry e, byte[] expected) {
        byte[] buffer = new byte[CHUNK];
        long common = Math.min(e.size(), expected.length);
        for (long done = 0; done < common; ) {
            int n = (int) Math.min(CHUNK, common - done);
            source.read(e.dataOffset() + done, buffer, 0, n);
            int diff =
                    java.util.Arrays.mismatch(buffer, 0, n, expected, (int) done, (int) done + n);
            if (diff >= 0) {
                return done + diff;
            }
            done += n;
        }
        return e.size() == expected.length ? -1 : common;
    }

    /** What lies at a byte offset: an entry's name, or a part of the archive structure. */
    String regionAt(long offset) {
        for (Entry e : entries) {
            if (offset >= e.headerOffset() && offset < e.end()) {
                return (offset < e.dataOffset() ? "zip header of entry " : "entry ") + e.name();
            }
        }
        return offset >= centralDirectoryOffset ? "zip central directory" : "archive structure";
    }

    private void checkCrc(Entry e, long actual) {
        if (actual != e.crc()) {
            throw new BadInputException(
                    source.name()
                            + ": entry "
                            + Names.quote(e.name())
                            + " is corrupt (CRC-32 "
                            + String.format("%08x", actual)
                            + ", header says "
                            + String.format("%08x", e.crc())
                            + ")");
        }
    }

    private static String decodeName(byte[] bytes, String file, long pos) {
        try {
            CharBuffer chars =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException(
                    file + ": entry name at byte " + pos + " is not valid UTF-8");
        }
    }

    /** Refuses names that are absolute, climb out of a directory, or are odd enough to mislead. */
    static void checkName(String name, String file) {
        String bad = null;
        if (name.isEmpty()) {
            bad = "empty entry name";
        } else if (name.startsWith("/")) {
            bad = "absolute entry name";
        } else if (name.indexOf('\\') >= 0) {
            bad = "backslash in entry name";
        } else if (name.indexOf(':') >= 0) {
            bad = "colon (drive letter) in entry name";
        } else if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            bad = "control character in entry name";
        } else {
            for (String part : name.split("/", -1)) {
                if (part.equals("..")) {
                    bad = "path traversal (\"..\") in entry name";
                } else if (part.isEmpty() || part.equals(".")) {
                    bad = "empty or \".\" path segment in entry name";
                }
                if (bad != null) {
                    break;
                }
            }
        }
        if (bad != null) {
            throw new BadInputException(file + ": " + bad + " " + Names.quote(name));
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16);
    }
}
