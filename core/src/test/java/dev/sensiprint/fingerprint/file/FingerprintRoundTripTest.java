package dev.sensiprint.fingerprint.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.ComparisonSettings;
import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.fingerprint.ModelInfo;
import dev.sensiprint.fingerprint.Preprocessing;
import dev.sensiprint.fingerprint.SampleStats;
import dev.sensiprint.npy.Npy;
import dev.sensiprint.signing.SigningKey;
import dev.sensiprint.tensor.FloatTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FingerprintRoundTripTest {

    private static final SigningKey KEY = SigningKey.generate();
    private static final SigningKey OTHER_KEY = SigningKey.generate();

    @TempDir Path dir;

    @ParameterizedTest(name = "{0} channel(s), seeds {1}, signed {2}")
    @CsvSource({
        "1, true, false", "1, false, false", "1, true, true", "1, false, true",
        "3, true, false", "3, false, false", "3, true, true", "3, false, true"
    })
    void readingWhatWasWrittenGivesAnEqualFingerprint(int channels, boolean seeds, boolean signed) {
        Fingerprint fp = Fixtures.fingerprint(new int[] {channels, 6, 5}, 3, seeds);
        FingerprintWriter writer =
                signed ? FingerprintWriter.signedWith(KEY) : FingerprintWriter.unsigned();
        FingerprintFile read = FingerprintReader.read(writer.toBytes(fp), "x.sfp", null);
        assertThat(read.fingerprint()).isEqualTo(fp);
        assertThat(read.fingerprint().samples().stream().filter(s -> s.seed() != null).count())
                .isEqualTo(seeds ? 2 : 0);
    }

    @Test
    void everyFloatAndDoubleInTheManifestSurvivesBitForBit() {
        // Random bit patterns hit subnormals, extremes and negative zero; a float32 parsed through
        // double could round twice, and a decimal type would lose the sign of zero.
        Random random = new Random(7);
        Fingerprint base = Fixtures.fingerprint(new int[] {1, 1, 1}, 1, false);
        FingerprintSample template = base.samples().get(0);
        List<FingerprintSample> samples = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            float margin = i == 0 ? -0f : finiteFloat(random);
            samples.add(
                    new FingerprintSample(
                            "m" + i,
                            template.input(),
                            template.expected(),
                            template.label(),
                            template.topK(),
                            margin,
                            null,
                            new SampleStats(
                                    i == 0 ? -0.0 : finiteDouble(random),
                                    finiteDouble(random),
                                    finiteDouble(random),
                                    Double.MIN_VALUE,
                                    -Double.MAX_VALUE,
                                    finiteDouble(random))));
        }
        ModelInfo m = base.model();
        Fingerprint fp =
                new Fingerprint(
                        new ModelInfo(
                                m.sha256(),
                                m.fileName(),
                                m.inputShape(),
                                -0f,
                                Float.MIN_VALUE,
                                new Preprocessing(
                                        new float[] {-0f}, new float[] {Float.MAX_VALUE}, false),
                                m.outputKind(),
                                m.numClasses()),
                        new ComparisonSettings(
                                ComparisonMode.PROBS, 1, Double.MIN_VALUE, 0.1 + 0.2),
                        base.generation(),
                        base.libraries(),
                        base.createdAt(),
                        samples);
        byte[] bytes = FingerprintWriter.unsigned().toBytes(fp);
        assertThat(FingerprintReader.read(bytes, "x.sfp", null).fingerprint()).isEqualTo(fp);
    }

    private static float finiteFloat(Random random) {
        float f;
        do {
            f = Float.intBitsToFloat(random.nextInt());
        } while (!Float.isFinite(f));
        return f;
    }

    private static double finiteDouble(Random random) {
        double d;
        do {
            d = Double.longBitsToDouble(random.nextLong());
        } while (!Double.isFinite(d));
        return d;
    }

    @Test
    void statisticsKeepNaNAndInfinity() {
        Fingerprint fp = Fixtures.tiny();
        FingerprintSample second =
                FingerprintReader.read(FingerprintWriter.unsigned().toBytes(fp), "x.sfp", null)
                        .fingerprint()
                        .samples()
                        .get(1);
        assertThat(second.stats().seedSensitivity()).isNaN();
        assertThat(second.stats().psnr()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(second.stats().sensitivity()).isEqualTo(2.5e-7);
        assertThat(second.stats().gain()).isNaN();
    }

    @Test
    void unsignedFileIsReportedUnsigned() {
        FingerprintFile read =
                FingerprintReader.read(
                        FingerprintWriter.unsigned().toBytes(Fixtures.tiny()), "x.sfp", null);
        assertThat(read.signature()).isEqualTo(SignatureStatus.UNSIGNED);
        assertThat(read.signer()).isEmpty();
    }

    @Test
    void signedFileIsReportedSignedWithTheEmbeddedKeyId() {
        FingerprintFile read =
                FingerprintReader.read(
                        FingerprintWriter.signedWith(KEY).toBytes(Fixtures.tiny()), "x.sfp", null);
        assertThat(read.signature()).isEqualTo(SignatureStatus.SIGNED);
        assertThat(read.signer()).contains(KEY.keyId());
    }

    @Test
    void trustedKeyMakesASignedFileVerified() {
        FingerprintFile read =
                FingerprintReader.read(
                        FingerprintWriter.signedWith(KEY).toBytes(Fixtures.tiny()),
                        "x.sfp",
                        KEY.verificationKey());
        assertThat(read.signature()).isEqualTo(SignatureStatus.VERIFIED);
        assertThat(read.signer()).contains(KEY.keyId());
    }

    @Test
    void trustedKeyRejectsAnUnsignedFile() {
        byte[] bytes = FingerprintWriter.unsigned().toBytes(Fixtures.tiny());
        assertThatThrownBy(() -> FingerprintReader.read(bytes, "x.sfp", KEY.verificationKey()))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        "x.sfp: not signed, but a signature by trusted key "
                                + KEY.keyId()
                                + " is required");
    }

    @Test
    void trustedKeyRejectsAFileSignedByAnotherKey() {
        byte[] bytes = FingerprintWriter.signedWith(OTHER_KEY).toBytes(Fixtures.tiny());
        assertThatThrownBy(() -> FingerprintReader.read(bytes, "x.sfp", KEY.verificationKey()))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        "x.sfp: signed by key "
                                + OTHER_KEY.keyId()
                                + ", not by the trusted key "
                                + KEY.keyId());
    }

    @Test
    void sameContentAndKeyGiveIdenticalBytes() {
        byte[] first = FingerprintWriter.signedWith(KEY).toBytes(Fixtures.tiny());
        byte[] second = FingerprintWriter.signedWith(KEY).toBytes(Fixtures.tiny());
        assertThat(second).isEqualTo(first);
        Fingerprint reread = FingerprintReader.read(first, "x.sfp", null).fingerprint();
        assertThat(FingerprintWriter.signedWith(KEY).toBytes(reread)).isEqualTo(first);
    }

    @Test
    void anotherKeyChangesOnlyTheSignatureEntry() {
        Map<String, byte[]> a =
                Zips.entries(FingerprintWriter.signedWith(KEY).toBytes(Fixtures.tiny()));
        Map<String, byte[]> b =
                Zips.entries(FingerprintWriter.signedWith(OTHER_KEY).toBytes(Fixtures.tiny()));
        assertThat(b.keySet()).containsExactlyElementsOf(a.keySet());
        for (String name : a.keySet()) {
            if (!name.equals("signature.json")) {
                assertThat(b.get(name)).as(name).isEqualTo(a.get(name));
            }
        }
        assertThat(b.get("signature.json")).isNotEqualTo(a.get("signature.json"));
    }

    @Test
    void writtenFileOnDiskReadsBackWithItsHashAndSize() throws Exception {
        Path file = dir.resolve("model.sfp");
        Files.writeString(file, "an older file that is replaced");
        FingerprintWriter.signedWith(KEY).write(Fixtures.tiny(), file);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).isEqualTo(FingerprintWriter.signedWith(KEY).toBytes(Fixtures.tiny()));
        FingerprintFile read = FingerprintReader.read(file, KEY.verificationKey());
        assertThat(read.fingerprint()).isEqualTo(Fixtures.tiny());
        assertThat(read.sizeBytes()).isEqualTo(bytes.length);
        assertThat(read.sha256()).isEqualTo(Digests.sha256Hex(bytes));
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void entriesAreStoredInFixedOrderWithTheDosEpochAndNoExtras() throws IOException {
        Path file = dir.resolve("x.sfp");
        FingerprintWriter.signedWith(KEY).write(Fixtures.tiny(), file);
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertThat(zip.getComment()).isNull();
            for (ZipEntry e : Collections.list(zip.entries())) {
                names.add(e.getName());
                assertThat(e.getMethod()).as(e.getName()).isEqualTo(ZipEntry.STORED);
                assertThat(e.getTimeLocal()).isEqualTo(LocalDateTime.of(1980, 1, 1, 0, 0));
                assertThat(e.getExtra()).isNull();
                assertThat(e.getComment()).isNull();
            }
        }
        assertThat(names)
                .containsExactly(
                        "manifest.json",
                        "samples/s000.npy",
                        "samples/s001.npy",
                        "outputs/s000.npy",
                        "outputs/s001.npy",
                        "seeds/s000.npy",
                        "seeds/s001.npy",
                        "previews/s000.png",
                        "previews/s001.png",
                        "digests.json",
                        "signature.json");
    }

    @Test
    void npyEntriesHaveTheMagicAndSixtyFourByteAlignedData() {
        Map<String, byte[]> entries =
                Zips.entries(FingerprintWriter.unsigned().toBytes(Fixtures.tiny()));
        List<String> arrays = entries.keySet().stream().filter(n -> n.endsWith(".npy")).toList();
        assertThat(arrays).hasSize(6);
        for (String name : arrays) {
            byte[] npy = entries.get(name);
            assertThat(java.util.Arrays.copyOf(npy, 8))
                    .as(name)
                    .isEqualTo(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            int headerLength = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
            assertThat((10 + headerLength) % 64).as(name).isZero();
            assertThat(npy[10 + headerLength - 1]).as(name).isEqualTo((byte) '\n');
        }
        assertThat(Npy.fromBytes(entries.get("outputs/s000.npy"), "o").shape()).containsExactly(5);
    }

    @Test
    void writerRefusesNonFiniteValues() {
        Fingerprint fp = Fixtures.tiny();
        FingerprintSample s = fp.samples().get(0);
        float[] bad = s.input().data().clone();
        bad[3] = Float.POSITIVE_INFINITY;
        FingerprintSample broken =
                new FingerprintSample(
                        s.id(),
                        new FloatTensor(s.input().shape(), bad),
                        s.expected(),
                        s.label(),
                        s.topK(),
                        s.margin(),
                        s.seed(),
                        s.stats());
        Fingerprint withBroken =
                new Fingerprint(
                        fp.model(),
                        fp.comparison(),
                        fp.generation(),
                        fp.libraries(),
                        fp.createdAt(),
                        List.of(broken));
        assertThatThrownBy(() -> FingerprintWriter.unsigned().toBytes(withBroken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sample s000: input holds NaN or infinity");
    }
}
