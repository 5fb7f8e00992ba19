package dev.sensiprint.fingerprint.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.npy.Npy;
import dev.sensiprint.signing.SigningKey;
import dev.sensiprint.tensor.FloatTensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a fingerprint file can be hostile or broken, and the message that names it. */
class FingerprintHostileFileTest {

    private static final SigningKey KEY = SigningKey.generate();
    private static final byte[] UNSIGNED = FingerprintWriter.unsigned().toBytes(Fixtures.tiny());
    private static final byte[] SIGNED = FingerprintWriter.signedWith(KEY).toBytes(Fixtures.tiny());

    @TempDir Path dir;

    private static AbstractThrowableAssert<?, ? extends Throwable> reading(byte[] bytes) {
        return assertThatThrownBy(() -> FingerprintReader.read(bytes, "bad.sfp", null))
                .isInstanceOf(BadInputException.class);
    }

    private static LinkedHashMap<String, byte[]> entries() {
        return Zips.entries(UNSIGNED);
    }

    private static String manifestText() {
        return new String(entries().get("manifest.json"), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fileOverTheSizeCapIsRejectedBeforeReading() throws IOException {
        Path big = dir.resolve("big.sfp");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(FingerprintReader.MAX_FILE_BYTES + 1); // sparse: costs no disk
        }
        assertThatThrownBy(() -> FingerprintReader.read(big))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        big
                                + ": 536870913 bytes, more than the 536870912 a fingerprint file may have");
    }

    @Test
    void missingFileAndDirectoryAreNamed() {
        Path missing = dir.resolve("missing.sfp");
        assertThatThrownBy(() -> FingerprintReader.read(missing))
                .isInstanceOf(BadInputException.class)
                .hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> FingerprintReader.read(dir))
                .isInstanceOf(BadInputException.class)
                .hasMessage(dir + ": not a regular file");
    }

    @Test
    void somethingThatIsNotAZipIsRejected() {
        reading(
                        utf8(
                                "{\"format\": \"sensiprint-fingerprint\"} and some more text to pass 52 bytes"))
                .hasMessage("bad.sfp: not a fingerprint file (not a zip archive)");
        reading(new byte[0]).hasMessage("bad.sfp: not a fingerprint file (not a zip archive)");
    }

    @Test
    void truncatedFileIsRejected() {
        reading(Arrays.copyOf(UNSIGNED, UNSIGNED.length - 10))
                .hasMessageStartingWith("bad.sfp: end of central directory record missing");
        reading(Arrays.copyOf(UNSIGNED, 2000)).hasMessageStartingWith("bad.sfp: ");
    }

    @Test
    void zipBombIsRejectedWithoutInflatingIt() {
        byte[] bomb = deflatedZerosZip("manifest.json", 2048);
        reading(bomb)
                .hasMessage(
                        "bad.sfp: entry \"manifest.json\" is compressed (method 8); entries must be stored uncompressed");
    }

    @Test
    void manifestOverItsCapIsRejected() {
        LinkedHashMap<String, byte[]> e = entries();
        byte[] big = new byte[FingerprintReader.MAX_MANIFEST_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        e.put("manifest.json", big);
        reading(Zips.storedWithDigests(e))
                .hasMessage(
                        "bad.sfp: entry \"manifest.json\" has 4194305 bytes, more than 4194304 (limit for manifest.json)");
    }

    @Test
    void arrayLargerThanTheManifestsShapeAllowsIsRejectedBeforeItIsRead() {
        LinkedHashMap<String, byte[]> e = entries();
        e.put("samples/s000.npy", Npy.toBytes(FloatTensor.zeros(64, 64, 64)));
        reading(Zips.storedWithDigests(e))
                .hasMessage(
                        "bad.sfp: entry \"samples/s000.npy\" has 1048704 bytes, more than 4288 (shape (1, 4, 4) in the manifest)");
    }

    @Test
    void pathTraversalIsRejected() {
        LinkedHashMap<String, byte[]> e = entries();
        e.put("../evil.sh", utf8("rm -rf ~"));
        reading(Zips.stored(e))
                .hasMessage("bad.sfp: path traversal (\"..\") in entry name \"../evil.sh\"");
        LinkedHashMap<String, byte[]> inner = entries();
        inner.put("samples/../../evil.sh", utf8("x"));
        reading(Zips.stored(inner)).hasMessageContaining("path traversal");
    }

    @Test
    void absoluteNameIsRejected() {
        LinkedHashMap<String, byte[]> e = entries();
        e.put("/etc/cron.d/evil", utf8("x"));
        reading(Zips.stored(e)).hasMessage("bad.sfp: absolute entry name \"/etc/cron.d/evil\"");
    }

    @Test
    void backslashInNameIsRejected() {
        LinkedHashMap<String, byte[]> e = entries();
        e.put("samples\\s000.npy", utf8("x"));
        reading(Zips.stored(e))
                .hasMessage("bad.sfp: backslash in entry name \"samples\\\\s000.npy\"");
    }

    @Test
    void duplicateEntryIsRejected() {
        // ZipOutputStream refuses duplicates, so write a twin under another name of the same
        // length and rename it in the bytes (local header and central directory).
        LinkedHashMap<String, byte[]> e = entries();
        e.put("manifest.jsoX", e.get("manifest.json"));
        byte[] zip = Zips.stored(e);
        byte[] from = utf8("manifest.jsoX");
        byte[] to = utf8("manifest.json");
        int replaced = 0;
        for (int i = 0; i + from.length <= zip.length; i++) {
            if (Arrays.equals(zip, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, zip, i, to.length);
                replaced++;
            }
        }
        assertThat(replaced).isEqualTo(2);
        reading(zip).hasMessage("bad.sfp: duplicate entry \"manifest.json\"");
    }

    @Test
    void missingEntryIsNamed() {
        LinkedHashMap<String, byte[]> e = entries();
        e.remove("outputs/s001.npy");
        reading(Zips.stored(e))
                .hasMessage("bad.sfp: missing entry \"outputs/s001.npy\" (listed in digests.json)");
        reading(Zips.storedWithDigests(e))
                .hasMessage("bad.sfp: missing entry \"outputs/s001.npy\"");
        LinkedHashMap<String, byte[]> noDigests = entries();
        noDigests.remove("digests.json");
        reading(Zips.stored(noDigests)).hasMessage("bad.sfp: missing entry \"digests.json\"");
    }

    @Test
    void entryNotListedInDigestsIsRejected() {
        LinkedHashMap<String, byte[]> e = entries();
        e.put("notes.txt", utf8("hello"));
        reading(Zips.stored(e))
                .hasMessage("bad.sfp: entry \"notes.txt\" is not listed in digests.json");
    }

    @Test
    void unexpectedExtraEntryIsRejectedEvenWithADigest() {
        LinkedHashMap<String, byte[]> e = entries();
        e.put("notes.txt", utf8("hello"));
        reading(Zips.storedWithDigests(e)).hasMessage("bad.sfp: unexpected entry \"notes.txt\"");
    }

    @Test
    void digestMismatchNamesTheEntry() {
        LinkedHashMap<String, byte[]> e = entries();
        float[] values = Npy.fromBytes(e.get("samples/s001.npy"), "s").data().clone();
        values[5] += 0.001f;
        e.put("samples/s001.npy", Npy.toBytes(new FloatTensor(new int[] {1, 4, 4}, values)));
        reading(Zips.stored(e))
                .hasMessageStartingWith(
                        "bad.sfp: digest mismatch for entry \"samples/s001.npy\" (digests.json says ");
    }

    @Test
    void corruptedStoredBytesFailTheirCrc() {
        byte[] bytes = UNSIGNED.clone();
        int at = indexOf(bytes, utf8("\"fileName\""));
        bytes[at + 3] ^= 1;
        reading(bytes)
                .hasMessageStartingWith("bad.sfp: entry \"manifest.json\" is corrupt (CRC-32 ");
    }

    @Test
    void shapeDisagreeingWithTheManifestIsNamed() {
        LinkedHashMap<String, byte[]> e = entries();
        float[] values = Npy.fromBytes(e.get("samples/s000.npy"), "s").data();
        e.put("samples/s000.npy", Npy.toBytes(new FloatTensor(new int[] {4, 4, 1}, values)));
        reading(Zips.storedWithDigests(e))
                .hasMessage(
                        "bad.sfp: samples/s000.npy: shape (4, 4, 1), but the manifest says (1, 4, 4)");
        LinkedHashMap<String, byte[]> outputs = entries();
        outputs.put("outputs/s000.npy", Npy.toBytes(FloatTensor.vector(1f, 2f, 3f)));
        reading(Zips.storedWithDigests(outputs))
                .hasMessage("bad.sfp: outputs/s000.npy: shape (3,), but the manifest says (5,)");
    }

    @Test
    void nanValuesAreRejected() {
        LinkedHashMap<String, byte[]> e = entries();
        byte[] npy = e.get("outputs/s001.npy").clone();
        ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN).putFloat(128 + 2 * 4, Float.NaN);
        e.put("outputs/s001.npy", npy);
        reading(Zips.storedWithDigests(e))
                .hasMessage(
                        "bad.sfp: outputs/s001.npy: value 2 is NaN; only finite values allowed");
    }

    @Test
    void unknownFormatNameIsRejected() {
        var e =
                Zips.editManifest(
                        entries(),
                        m -> m.replace("\"sensiprint-fingerprint\"", "\"other-format\""));
        reading(Zips.storedWithDigests(e))
                .hasMessage(
                        "bad.sfp: manifest.json: unknown format string \"other-format\" (expected \"sensiprint-fingerprint\")");
    }

    @Test
    void unknownFormatVersionIsRejected() {
        var e =
                Zips.editManifest(
                        entries(), m -> m.replace("\"formatVersion\": 1", "\"formatVersion\": 2"));
        reading(Zips.storedWithDigests(e))
                .hasMessage(
                        "bad.sfp: manifest.json: format version 2 is not supported (this reader knows 1)");
    }

    @Test
    void unknownJsonFieldIsRejected() {
        var e =
                Zips.editManifest(
                        entries(),
                        m -> m.replace("\"numClasses\": 5", "\"numClasses\": 5, \"layers\": 12"));
        reading(Zips.storedWithDigests(e))
                .hasMessage("bad.sfp: manifest.json: model: unknown field \"layers\"");
    }

    @Test
    void wrongJsonTypeIsRejected() {
        var e =
                Zips.editManifest(
                        entries(), m -> m.replace("\"numClasses\": 5", "\"numClasses\": \"5\""));
        reading(Zips.storedWithDigests(e))
                .hasMessage(
                        "bad.sfp: manifest.json: model.numClasses: expected an integer, found string \"5\"");
        var stats =
                Zips.editManifest(entries(), m -> m.replace("\"psnr\": 38.5", "\"psnr\": true"));
        reading(Zips.storedWithDigests(stats))
                .hasMessage(
                        "bad.sfp: manifest.json: samples[0].stats.psnr: expected a number, found boolean");
    }

    @Test
    void duplicateJsonKeyIsRejected() {
        var e =
                Zips.editManifest(
                        entries(),
                        m ->
                                m.replace(
                                        "\"numClasses\": 5",
                                        "\"numClasses\": 5, \"numClasses\": 5"));
        reading(Zips.storedWithDigests(e))
                .hasMessageStartingWith(
                        "bad.sfp: manifest.json: not valid JSON: Duplicate field 'numClasses'");
    }

    @Test
    void deeplyNestedJsonIsRejectedWithoutExhaustingTheStack() {
        LinkedHashMap<String, byte[]> e = entries();
        e.put("manifest.json", utf8("[".repeat(1_000_000)));
        reading(Zips.storedWithDigests(e))
                .hasMessageStartingWith("bad.sfp: manifest.json: not valid JSON: ");
    }

    @Test
    void invalidJsonIsRejected() {
        var e = Zips.editManifest(entries(), m -> m.substring(0, m.length() / 2));
        reading(Zips.storedWithDigests(e))
                .hasMessageStartingWith("bad.sfp: manifest.json: not valid JSON: ");
    }

    @Test
    void valuesTheRecordsRefuseAreReportedAsBadInput() {
        var e =
                Zips.editManifest(
                        entries(),
                        m -> m.replace("\"valueRange\": [0.0, 1.0]", "\"valueRange\": [1.0, 0.0]"));
        reading(Zips.storedWithDigests(e))
                .hasMessage("bad.sfp: manifest.json: model: value range [1.0, 0.0] is empty");
    }

    @Test
    void manifestNotInCanonicalFormIsRejected() {
        // Same content, other spelling: a number written differently.
        var e = Zips.editManifest(entries(), m -> m.replace("\"psnr\": 38.5", "\"psnr\": 38.50"));
        reading(Zips.storedWithDigests(e))
                .hasMessage(
                        "bad.sfp: not in canonical form: entry \"manifest.json\" differs from its canonical form at byte "
                                + (manifestText().indexOf("\"psnr\": 38.5") + 12)
                                + " of the entry");
    }

    @Test
    void zipMetadataNotInCanonicalFormIsRejected() {
        // Every entry and digest intact, but repacked by another zip writer (other timestamps,
        // flags): caught only by the canonical-form check.
        reading(Zips.stored(entries()))
                .hasMessageMatching(
                        "bad\\.sfp: not in canonical form: byte \\d+ \\(zip header of entry manifest\\.json\\) differs");
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] longer = Arrays.copyOf(UNSIGNED, UNSIGNED.length + 3);
        reading(longer).hasMessage("bad.sfp: 3 bytes of archive comment or trailing data");
    }

    @Test
    void signatureThatDoesNotVerifyIsNamed() {
        LinkedHashMap<String, byte[]> e = Zips.entries(SIGNED);
        String json = new String(e.get("signature.json"), StandardCharsets.UTF_8);
        String sig = json.replaceAll("(?s).*\"signature\": \"([^\"]+)\".*", "$1");
        byte[] raw = Base64.getDecoder().decode(sig);
        raw[10] ^= 1;
        e.put("signature.json", utf8(json.replace(sig, Base64.getEncoder().encodeToString(raw))));
        reading(Zips.stored(e))
                .hasMessage(
                        "bad.sfp: signature.json: the signature by key "
                                + KEY.keyId()
                                + " does not verify over digests.json");
    }

    @Test
    void resignedDigestsWithoutTheKeyDoNotVerify() {
        // An attacker changes a sample and fixes digests.json, but cannot re-sign it.
        LinkedHashMap<String, byte[]> e = Zips.entries(SIGNED);
        byte[] signature = e.get("signature.json");
        float[] values = Npy.fromBytes(e.get("samples/s000.npy"), "s").data().clone();
        values[0] = 0.5f;
        e.put("samples/s000.npy", Npy.toBytes(new FloatTensor(new int[] {1, 4, 4}, values)));
        LinkedHashMap<String, byte[]> content = new LinkedHashMap<>(e);
        content.remove("digests.json");
        content.remove("signature.json");
        LinkedHashMap<String, String> digests = new LinkedHashMap<>();
        content.forEach((name, data) -> digests.put(name, Digests.sha256Hex(data)));
        content.put("digests.json", new Digests(digests).toJson());
        content.put("signature.json", signature);
        reading(Zips.stored(content)).hasMessageContaining("does not verify over digests.json");
    }

    @Test
    void keyIdThatDoesNotMatchThePublicKeyIsRejected() {
        LinkedHashMap<String, byte[]> e = Zips.entries(SIGNED);
        String json = new String(e.get("signature.json"), StandardCharsets.UTF_8);
        e.put("signature.json", utf8(json.replace(KEY.keyId(), "0000000000000000")));
        reading(Zips.stored(e))
                .hasMessage(
                        "bad.sfp: signature.json: keyId \"0000000000000000\" does not match the public key ("
                                + KEY.keyId()
                                + ")");
    }

    /**
     * A zip whose one entry is {@code megabytes} MiB of zeros, deflated. Built from deflate blocks
     * rather than by compressing gigabytes: after the first MiB, every further MiB of zeros
     * compresses (with a sync flush) to the same bytes, so the stream is the first block, that
     * block repeated, and an empty final block.
     */
    private static byte[] deflatedZerosZip(String name, int megabytes) {
        byte[] mib = new byte[1 << 20];
        Deflater deflater = new Deflater(9, true);
        byte[][] blocks = new byte[3][];
        for (int i = 0; i < 3; i++) {
            deflater.setInput(mib);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1 << 16];
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
            } while (n == buffer.length || !deflater.needsInput());
            blocks[i] = out.toByteArray();
        }
        deflater.end();
        assertThat(blocks[2]).as("repeated MiB of zeros deflates identically").isEqualTo(blocks[1]);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(blocks[0]);
        for (int i = 1; i < megabytes; i++) {
            data.writeBytes(blocks[1]);
        }
        data.writeBytes(new byte[] {3, 0}); // final block: fixed Huffman, end of block only
        CRC32 crc = new CRC32();
        for (int i = 0; i < megabytes; i++) {
            crc.update(mib);
        }
        long size = (long) megabytes << 20;
        byte[] compressed = data.toByteArray();
        byte[] nameBytes = utf8(name);
        ByteBuffer zip =
                ByteBuffer.allocate(
                                30
                                        + nameBytes.length
                                        + compressed.length
                                        + 46
                                        + nameBytes.length
                                        + 22)
                        .order(ByteOrder.LITTLE_ENDIAN);
        zip.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8);
        zip.putShort((short) 0).putShort((short) 0x21).putInt((int) crc.getValue());
        zip.putInt(compressed.length).putInt((int) size);
        zip.putShort((short) nameBytes.length).putShort((short) 0).put(nameBytes).put(compressed);
        int central = zip.position();
        zip.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0);
        zip.putShort((short) 8)
                .putShort((short) 0)
                .putShort((short) 0x21)
                .putInt((int) crc.getValue());
        zip.putInt(compressed.length).putInt((int) size).putShort((short) nameBytes.length);
        zip.putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0);
        zip.putInt(0).putInt(0).put(nameBytes);
        int end = zip.position();
        zip.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1);
        zip.putShort((short) 1).putInt(end - central).putInt(central).putShort((short) 0);
        return zip.array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void zipBombDeclaresTwoGibibytesInAboutTwoMegabytes() {
        byte[] bomb = deflatedZerosZip("manifest.json", 2048);
        long declared =
                ByteBuffer.wrap(bomb).order(ByteOrder.LITTLE_ENDIAN).getInt(22) & 0xFFFFFFFFL;
        assertThat(declared).isEqualTo(2048L << 20);
        assertThat(bomb.length).isLessThan(3 << 20);
    }
}
