package dev.sensiprint.fingerprint.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a zip archive whose bytes depend on nothing but the entries: every entry stored (no
 * compression), the DOS epoch 1980-01-01 00:00 as its time, no extra fields, no comments, no data
 * descriptors, no zip64. {@code java.util.zip.ZipOutputStream} is not used because its timestamps
 * depend on the time zone and its headers on the JDK version.
 */
final class StoredZipWriter {

    static final int LOCAL_HEADER = 0x04034b50;
    static final int CENTRAL_HEADER = 0x02014b50;
    static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;

    /** Version needed to extract: 1.0, enough for stored entries. */
    static final int VERSION_NEEDED = 10;

    /** Version made by: host 0 (MS-DOS, no Unix permissions), specification 2.0. */
    static final int VERSION_MADE_BY = 20;

    /** 1980-01-01 in MS-DOS date format: (year - 1980) << 9 | month << 5 | day. */
    static final int DOS_DATE = 1 << 5 | 1;

    /** 00:00:00 in MS-DOS time format. */
    static final int DOS_TIME = 0;

    static final int MAX_ENTRIES = 0xFFFF;

    private record Written(String name, long offset, long crc, int size) {}

    private final OutputStream out;
    private final long maxBytes;
    private final List<Written> written = new ArrayList<>();
    private long offset;

    /**
     * @param maxBytes the largest archive this writer may produce; exceeding it throws before the
     *     offending bytes are written
     */
    StoredZipWriter(OutputStream out, long maxBytes) {
        this.out = out;
        this.maxBytes = Math.min(maxBytes, 0xFFFFFFFEL);
    }

    void add(String name, byte[] data) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        if (written.size() == MAX_ENTRIES) {
            throw new IllegalArgumentException(
                    "a zip archive without zip64 holds at most 65535 entries");
        }
        reserve(30L + nameBytes.length + data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        ByteArrayOutputStream header = new ByteArrayOutputStream(30 + nameBytes.length);
        u32(header, LOCAL_HEADER);
        u16(header, VERSION_NEEDED);
        u16(header, 0); // flags
        u16(header, 0); // method: stored
        u16(header, DOS_TIME);
        u16(header, DOS_DATE);
        u32(header, crc.getValue());
        u32(header, data.length); // compressed size
        u32(header, data.length); // uncompressed size
        u16(header, nameBytes.length);
        u16(header, 0); // extra field length
        header.writeBytes(nameBytes);
        header.writeTo(out);
        out.write(data);
        written.add(new Written(name, offset, crc.getValue(), data.length));
        offset += header.size() + data.length;
    }

    void finish() throws IOException {
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (Written w : written) {
            byte[] nameBytes = w.name().getBytes(StandardCharsets.US_ASCII);
            u32(central, CENTRAL_HEADER);
            u16(central, VERSION_MADE_BY);
            u16(central, VERSION_NEEDED);
            u16(central, 0); // flags
            u16(central, 0); // method
            u16(central, DOS_TIME);
            u16(central, DOS_DATE);
            u32(central, w.crc());
            u32(central, w.size());
            u32(central, w.size());
            u16(central, nameBytes.length);
            u16(central, 0); // extra field length
            u16(central, 0); // comment length
            u16(central, 0); // disk number
            u16(central, 0); // internal attributes
            u32(central, 0); // external attributes
            u32(central, w.offset());
            central.writeBytes(nameBytes);
        }
        reserve(central.size() + 22L);
        ByteArrayOutputStream end = new ByteArrayOutputStream(22);
        u32(end, END_OF_CENTRAL_DIRECTORY);
        u16(end, 0); // this disk
        u16(end, 0); // disk with the central directory
        u16(end, written.size());
        u16(end, written.size());
        u32(end, central.size());
        u32(end, offset);
        u16(end, 0); // comment length
        central.writeTo(out);
        end.writeTo(out);
        offset += central.size() + end.size();
    }

    private void reserve(long bytes) {
        if (offset + bytes > maxBytes) {
            throw new IllegalArgumentException(
                    "the fingerprint file would exceed "
                            + maxBytes
                            + " bytes, the most readers accept");
        }
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
    }

    private static void u32(ByteArrayOutputStream out, long v) {
        u16(out, (int) (v & 0xFFFF));
        u16(out, (int) ((v >>> 16) & 0xFFFF));
    }
}
