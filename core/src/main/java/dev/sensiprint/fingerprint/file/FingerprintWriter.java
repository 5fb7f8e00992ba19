package dev.sensiprint.fingerprint.file;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.npy.Npy;
import dev.sensiprint.preview.SamplePreview;
import dev.sensiprint.signing.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Writes a fingerprint as a {@code .sfp} file (docs/FORMAT.md).
 *
 * <p>The output is a deterministic function of the fingerprint and the key: the same content gives
 * the same bytes on every machine (Ed25519 signatures are deterministic too). Readers depend on
 * this: they re-create the file from what they parsed and demand identical bytes.
 *
 * <pre>{@code
 * FingerprintWriter.signedWith(key).write(fingerprint, Path.of("model.sfp"));
 * }</pre>
 */
public final class FingerprintWriter {

    private final SigningKey key;

    private FingerprintWriter(SigningKey key) {
        this.key = key;
    }

    /** A writer that adds no signature (digests are still written). */
    public static FingerprintWriter unsigned() {
        return new FingerprintWriter(null);
    }

    /** A writer that signs {@code digests.json} with {@code key}. */
    public static FingerprintWriter signedWith(SigningKey key) {
        if (key == null) {
            throw new IllegalArgumentException("signing key must be given");
        }
        return new FingerprintWriter(key);
    }

    /**
     * The file's bytes.
     *
     * @throws IllegalArgumentException if the fingerprint holds values the format cannot store (NaN
     *     or infinite arrays, margin or value range) or would exceed {@link
     *     FingerprintReader#MAX_FILE_BYTES}
     */
    public byte[] toBytes(Fingerprint fingerprint) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(fingerprint, out);
        return out.toByteArray();
    }

    /** Writes the file's bytes to a stream (which stays open). */
    public void write(Fingerprint fingerprint, OutputStream out) {
        try {
            write(fingerprint, signer(), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the file atomically: to a temporary file beside it, then renamed over {@code file} (an
     * existing file is replaced).
     *
     * @throws BadInputException if the file cannot be written
     */
    public void write(Fingerprint fingerprint, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, ".sfp-", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                write(fingerprint, signer(), out, null);
            }
            Files.move(
                    temp,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot write: " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // Best effort: a stray temporary file is harmless.
                }
            }
        }
    }

    private Function<byte[], SignatureEntry> signer() {
        return key == null ? null : digests -> SignatureEntry.sign(key, digests);
    }

    /**
     * The one place that lays out a file; the reader calls it too, for the canonical-form check.
     *
     * @param signer makes the signature entry from the bytes of {@code digests.json}, or null for
     *     an unsigned file
     * @param onEntry sees each entry's name and content before it is written, or null
     */
    static void write(
            Fingerprint fp,
            Function<byte[], SignatureEntry> signer,
            OutputStream out,
            BiConsumer<String, byte[]> onEntry)
            throws IOException {
        BiConsumer<String, byte[]> listener = onEntry == null ? (name, data) -> {} : onEntry;
        StoredZipWriter zip = new StoredZipWriter(out, FingerprintReader.MAX_FILE_BYTES);
        Map<String, String> digests = new LinkedHashMap<>();
        Map<String, FingerprintSample> byId = new LinkedHashMap<>();
        fp.samples().forEach(s -> byId.put(s.id(), s));
        for (String name : EntryNames.contentEntries(EntryNames.keys(fp))) {
            byte[] data = content(fp, byId, name);
            digests.put(name, Digests.sha256Hex(data));
            listener.accept(name, data);
            zip.add(name, data);
        }
        byte[] digestsJson = new Digests(digests).toJson();
        listener.accept(Digests.ENTRY, digestsJson);
        zip.add(Digests.ENTRY, digestsJson);
        if (signer != null) {
            byte[] signatureJson = signer.apply(digestsJson).toJson();
            listener.accept(SignatureEntry.ENTRY, signatureJson);
            zip.add(SignatureEntry.ENTRY, signatureJson);
        }
        zip.finish();
    }

    private static byte[] content(
            Fingerprint fp, Map<String, FingerprintSample> byId, String name) {
        if (name.equals(EntryNames.MANIFEST)) {
            return Manifest.toJson(fp);
        }
        String id = name.substring(name.indexOf('/') + 1, name.lastIndexOf('.'));
        FingerprintSample s = byId.get(id);
        if (name.equals(EntryNames.input(id))) {
            return npy(s.input(), s, "input");
        }
        if (name.equals(EntryNames.output(id))) {
            return npy(s.expected(), s, "expected output");
        }
        if (name.equals(EntryNames.seed(id))) {
            return npy(s.seed(), s, "seed");
        }
        return SamplePreview.png(s.input(), s.seed(), fp.model().valueMin(), fp.model().valueMax());
    }

    private static byte[] npy(
            dev.sensiprint.tensor.FloatTensor t, FingerprintSample s, String what) {
        if (!t.isFinite()) {
            throw new IllegalArgumentException(
                    "sample " + s.id() + ": " + what + " holds NaN or infinity");
        }
        return Npy.toBytes(t);
    }
}
