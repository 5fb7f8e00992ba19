package dev.sensiprint.fingerprint.file;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Takes fingerprint files apart and builds altered ones with the JDK's own zip classes. */
final class Zips {

    private Zips() {}

    /** The entries of a zip, in order. */
    static LinkedHashMap<String, byte[]> entries(byte[] zip) {
        LinkedHashMap<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A zip of stored entries written by {@link ZipOutputStream}. */
    static byte[] stored(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                entry.setCompressedSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Like {@link #stored}, after recomputing {@code digests.json} over the other entries (and
     * dropping any signature), so that the alteration gets past the digest check.
     */
    static byte[] storedWithDigests(Map<String, byte[]> entries) {
        LinkedHashMap<String, byte[]> content = new LinkedHashMap<>(entries);
        content.remove(Digests.ENTRY);
        content.remove(SignatureEntry.ENTRY);
        LinkedHashMap<String, String> digests = new LinkedHashMap<>();
        content.forEach((name, data) -> digests.put(name, Digests.sha256Hex(data)));
        content.put(Digests.ENTRY, new Digests(digests).toJson());
        return stored(content);
    }

    /** The entries with the manifest's text edited. */
    static LinkedHashMap<String, byte[]> editManifest(
            Map<String, byte[]> entries, UnaryOperator<String> edit) {
        LinkedHashMap<String, byte[]> out = new LinkedHashMap<>(entries);
        String manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
        String edited = edit.apply(manifest);
        if (edited.equals(manifest)) {
            throw new IllegalArgumentException("the edit changed nothing");
        }
        out.put("manifest.json", edited.getBytes(StandardCharsets.UTF_8));
        return out;
    }
}
