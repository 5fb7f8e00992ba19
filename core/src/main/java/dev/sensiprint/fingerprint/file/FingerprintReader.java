package dev.sensiprint.fingerprint.file;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.npy.Npy;
import dev.sensiprint.preview.SamplePreview;
import dev.sensiprint.signing.VerificationKey;
import dev.sensiprint.tensor.FloatTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a {@code .sfp} fingerprint file without trusting it (docs/FORMAT.md).
 *
 * <p>In order: the file size; the archive structure (stored entries only, safe names, no
 * duplicates, nothing hidden between entries); the entry list against {@code digests.json}; every
 * entry's CRC-32 and SHA-256; the signature; the manifest (format, version, known fields, types);
 * each array against the manifest's shapes (finite values only); and finally the canonical form:
 * the parsed content, written again, must reproduce the file byte for byte, so no byte (zip
 * metadata included) can change unnoticed. Each failure is a {@link BadInputException} with a
 * one-line message naming the file and what is wrong.
 */
public final class FingerprintReader {

    /** Largest file accepted. */
    public static final long MAX_FILE_BYTES = 512L * 1024 * 1024;

    /** Largest {@code manifest.json} accepted. */
    public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    static final int MAX_DIGESTS_BYTES = 4 * 1024 * 1024;
    static final int MAX_SIGNATURE_BYTES = 16 * 1024;

    /** Room for header padding beyond what an array's shape needs, so a wrong shape is named. */
    private static final int NPY_SLACK = 4096;

    private FingerprintReader() {}

    /**
     * Reads and checks a file; a signature, if present, is verified with the key it embeds.
     *
     * @throws BadInputException if the file is missing, corrupt, altered or badly signed
     */
    public static FingerprintFile read(Path file) {
        return read(file, null);
    }

    /**
     * Reads and checks a file that must be signed by {@code trustedKey}.
     *
     * @param trustedKey the signer's public key, or null to accept unsigned and self-signed files
     * @throws BadInputException also when the file is unsigned or signed by another key
     */
    public static FingerprintFile read(Path file, VerificationKey trustedKey) {
        long size;
        try {
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(
                        file + (Files.exists(file) ? ": not a regular file" : ": no such file"));
            }
            size = Files.size(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        checkSize(file.toString(), size);
        try (Source source = Source.open(file)) {
            return read(source, trustedKey);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads and checks a file held in memory.
     *
     * @param name the file's name, for messages
     * @param trustedKey the signer's public key, or null to accept unsigned and self-signed files
     */
    public static FingerprintFile read(byte[] bytes, String name, VerificationKey trustedKey) {
        checkSize(name, bytes.length);
        return read(Source.of(bytes, name), trustedKey);
    }

    private static void checkSize(String name, long size) {
        if (size > MAX_FILE_BYTES) {
            throw new BadInputException(
                    name
                            + ": "
                            + size
                            + " bytes, more than the "
                            + MAX_FILE_BYTES
                            + " a fingerprint file may have");
        }
    }

    private static FingerprintFile read(Source source, VerificationKey trustedKey) {
        checkSize(source.name(), source.size());
        String file = source.name();
        ZipContainer zip = ZipContainer.parse(source);
        Map<String, ZipContainer.Entry> entries = new LinkedHashMap<>();
        zip.entries().forEach(e -> entries.put(e.name(), e));

        // 1. Integrity: every content entry is listed in digests.json and matches its digest.
        ZipContainer.Entry digestsEntry = require(entries, Digests.ENTRY, file);
        byte[] digestsJson =
                zip.read(digestsEntry, MAX_DIGESTS_BYTES, "limit for " + Digests.ENTRY);
        Digests digests = inFile(file, () -> Digests.parse(digestsJson));
        checkDigests(file, zip, entries, digests);

        // 2. Authenticity.
        SignatureEntry signature = null;
        ZipContainer.Entry signatureEntry = entries.get(SignatureEntry.ENTRY);
        if (signatureEntry != null) {
            byte[] signatureJson =
                    zip.read(
                            signatureEntry,
                            MAX_SIGNATURE_BYTES,
                            "limit for " + SignatureEntry.ENTRY);
            signature = inFile(file, () -> SignatureEntry.parse(signatureJson));
        }
        SignatureStatus status = checkSignature(file, signature, digestsJson, trustedKey);

        // 3. Content.
        ZipContainer.Entry manifestEntry = require(entries, EntryNames.MANIFEST, file);
        long maxValues = MAX_FILE_BYTES / Float.BYTES;
        byte[] manifestJson =
                zip.read(manifestEntry, MAX_MANIFEST_BYTES, "limit for " + EntryNames.MANIFEST);
        Manifest.Parsed manifest = inFile(file, () -> Manifest.parse(manifestJson, maxValues));
        checkEntrySet(file, entries, manifest);
        List<FingerprintSample> samples = new ArrayList<>();
        int[] inputShape = manifest.model().inputShape();
        int[] outputShape = {manifest.model().numClasses()};
        for (Manifest.SampleEntry s : manifest.samples()) {
            FloatTensor input = array(zip, entries.get(s.input()), inputShape);
            FloatTensor output = array(zip, entries.get(s.output()), outputShape);
            FloatTensor seed =
                    s.seed() == null ? null : array(zip, entries.get(s.seed()), inputShape);
            ZipContainer.Entry preview = entries.get(s.preview());
            long maxPreview = SamplePreview.maxPngSize(inputShape, seed != null);
            if (preview.size() > maxPreview) {
                throw new BadInputException(
                        file
                                + ": entry "
                                + Names.quote(preview.name())
                                + " has "
                                + preview.size()
                                + " bytes, more than a preview of this shape needs ("
                                + maxPreview
                                + ")");
            }
            samples.add(sample(file, s, input, output, seed));
        }
        Fingerprint fingerprint;
        try {
            fingerprint =
                    new Fingerprint(
                            manifest.model(),
                            manifest.comparison(),
                            manifest.generation(),
                            manifest.libraries(),
                            manifest.createdAt(),
                            samples);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(
                    file + ": " + EntryNames.MANIFEST + ": " + Names.oneLine(e.getMessage()));
        }

        // 4. Canonical form: writing what was read must give back the file, byte for byte.
        //    Entry contents are compared first, so a difference is named by entry; then the
        //    whole byte stream, which covers the zip structure.
        SignatureEntry signed = signature;
        CanonicalComparison comparison = new CanonicalComparison(source, zip);
        try {
            FingerprintWriter.write(
                    fingerprint,
                    signed == null ? null : digestsBytes -> signed,
                    comparison,
                    (name, data) -> checkCanonicalEntry(zip, entries.get(name), name, data));
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException(
                    file + ": not in canonical form: " + Names.oneLine(e.getMessage()));
        }
        String sha256 = comparison.finish();
        return new FingerprintFile(
                fingerprint,
                status,
                signature == null ? null : signature.key().keyId(),
                sha256,
                source.size());
    }

    private static void checkCanonicalEntry(
            ZipContainer zip, ZipContainer.Entry entry, String name, byte[] canonical) {
        String file = zip.sourceName();
        if (entry == null) {
            throw new BadInputException(
                    file + ": not in canonical form: entry " + Names.quote(name) + " is missing");
        }
        long differs = zip.firstDifference(entry, canonical);
        if (differs >= 0) {
            throw new BadInputException(
                    file
                            + ": not in canonical form: entry "
                            + Names.quote(name)
                            + " differs from its canonical form at byte "
                            + differs
                            + " of the entry");
        }
    }

    /** Runs a parser whose messages start with an entry name, adding the file's name. */
    private static <T> T inFile(String file, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (BadInputException e) {
            throw new BadInputException(file + ": " + e.getMessage(), e);
        }
    }

    /** Every content entry is listed in digests.json, every listed one exists and matches. */
    private static void checkDigests(
            String file,
            ZipContainer zip,
            Map<String, ZipContainer.Entry> entries,
            Digests digests) {
        for (ZipContainer.Entry e : zip.entries()) {
            if (!isTrailer(e.name()) && !digests.sha256ByEntry().containsKey(e.name())) {
                throw new BadInputException(
                        file
                                + ": entry "
                                + Names.quote(e.name())
                                + " is not listed in "
                                + Digests.ENTRY);
            }
        }
        for (String name : digests.sha256ByEntry().keySet()) {
            if (isTrailer(name)) {
                throw new BadInputException(
                        file
                                + ": "
                                + Digests.ENTRY
                                + " lists "
                                + Names.quote(name)
                                + ", which it cannot cover");
            }
            if (!entries.containsKey(name)) {
                throw new BadInputException(
                        file
                                + ": missing entry "
                                + Names.quote(name)
                                + " (listed in "
                                + Digests.ENTRY
                                + ")");
            }
        }
        for (Map.Entry<String, String> d : digests.sha256ByEntry().entrySet()) {
            String actual = zip.sha256(entries.get(d.getKey()));
            if (!actual.equals(d.getValue())) {
                throw new BadInputException(
                        file
                                + ": digest mismatch for entry "
                                + Names.quote(d.getKey())
                                + " ("
                                + Digests.ENTRY
                                + " says "
                                + d.getValue().substring(0, 16)
                                + "..., content has "
                                + actual.substring(0, 16)
                                + "...)");
            }
        }
    }

    private static boolean isTrailer(String name) {
        return name.equals(Digests.ENTRY) || name.equals(SignatureEntry.ENTRY);
    }

    private static ZipContainer.Entry require(
            Map<String, ZipContainer.Entry> entries, String name, String file) {
        ZipContainer.Entry e = entries.get(name);
        if (e == null) {
            throw new BadInputException(file + ": missing entry " + Names.quote(name));
        }
        return e;
    }

    private static SignatureStatus checkSignature(
            String file, SignatureEntry signature, byte[] digestsJson, VerificationKey trusted) {
        if (signature == null) {
            if (trusted != null) {
                throw new BadInputException(
                        file
                                + ": not signed, but a signature by trusted key "
                                + trusted.keyId()
                                + " is required");
            }
            return SignatureStatus.UNSIGNED;
        }
        if (trusted != null && !trusted.equals(signature.key())) {
            throw new BadInputException(
                    file
                            + ": signed by key "
                            + signature.key().keyId()
                            + ", not by the trusted key "
                            + trusted.keyId());
        }
        if (!signature.verifies(digestsJson)) {
            throw new BadInputException(
                    file
                            + ": "
                            + SignatureEntry.ENTRY
                            + ": the signature by key "
                            + signature.key().keyId()
                            + " does not verify over "
                            + Digests.ENTRY);
        }
        return trusted != null ? SignatureStatus.VERIFIED : SignatureStatus.SIGNED;
    }

    /** The archive must hold exactly the entries the manifest implies. */
    private static void checkEntrySet(
            String file, Map<String, ZipContainer.Entry> entries, Manifest.Parsed manifest) {
        Set<String> ids = new HashSet<>();
        for (Manifest.SampleEntry s : manifest.samples()) {
            if (!ids.add(s.id())) {
                throw new BadInputException(
                        file
                                + ": "
                                + EntryNames.MANIFEST
                                + ": duplicate sample id "
                                + Names.quote(s.id()));
            }
        }
        List<String> expected = EntryNames.contentEntries(manifest.keys());
        for (String name : expected) {
            require(entries, name, file);
        }
        Set<String> known = new HashSet<>(expected);
        for (String name : entries.keySet()) {
            if (!isTrailer(name) && !known.contains(name)) {
                throw new BadInputException(file + ": unexpected entry " + Names.quote(name));
            }
        }
    }

    private static FloatTensor array(ZipContainer zip, ZipContainer.Entry e, int[] shape) {
        long limit = Npy.byteLength(shape) + NPY_SLACK;
        byte[] npy = zip.read(e, limit, "shape " + Npy.literal(shape) + " in the manifest");
        String file = zip.sourceName();
        FloatTensor t = inFile(file, () -> Npy.fromBytes(npy, e.name()));
        if (!Arrays.equals(t.shape(), shape)) {
            throw new BadInputException(
                    file
                            + ": "
                            + e.name()
                            + ": shape "
                            + Npy.literal(t.shape())
                            + ", but the manifest says "
                            + Npy.literal(shape));
        }
        return t;
    }

    private static FingerprintSample sample(
            String file,
            Manifest.SampleEntry s,
            FloatTensor input,
            FloatTensor output,
            FloatTensor seed) {
        try {
            return new FingerprintSample(
                    s.id(), input, output, s.label(), s.topK(), s.margin(), seed, s.stats());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(
                    file + ": " + EntryNames.MANIFEST + ": " + Names.oneLine(e.getMessage()));
        }
    }
}
