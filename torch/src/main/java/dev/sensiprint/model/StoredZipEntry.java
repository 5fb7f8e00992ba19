package dev.sensiprint.model;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** An uncompressed zip entry, the way PyTorch writes its archives (and reads tensors in place). */
public final class StoredZipEntry {

    private StoredZipEntry() {}

    /** Writes {@code content} as entry {@code name}, stamped with the current time. */
    public static void write(ZipOutputStream zip, String name, byte[] content) throws IOException {
        write(zip, name, content, null);
    }

    /**
     * As {@link #write(ZipOutputStream, String, byte[])}, stamped with {@code time} when it is not
     * null: a fixed time makes the same content give the same file, byte for byte.
     */
    public static void write(ZipOutputStream zip, String name, byte[] content, LocalDateTime time)
            throws IOException {
        ZipEntry entry = new ZipEntry(name);
        if (time != null) {
            entry.setTimeLocal(time);
        }
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }
}
