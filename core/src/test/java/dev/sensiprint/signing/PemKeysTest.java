package dev.sensiprint.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.error.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemKeysTest {

    private static final SigningKey KEY = SigningKey.generate();
    private static final byte[] MESSAGE = "digests".getBytes(StandardCharsets.US_ASCII);

    @TempDir Path dir;

    @Test
    void privateKeyRoundTripSignsIdentically() {
        SigningKey read = PemKeys.parsePrivateKey(PemKeys.privateKeyPem(KEY), "k.pem");
        assertThat(read.keyId()).isEqualTo(KEY.keyId());
        assertThat(read.verificationKey()).isEqualTo(KEY.verificationKey());
        assertThat(read.sign(MESSAGE)).isEqualTo(KEY.sign(MESSAGE));
    }

    @Test
    void publicKeyRoundTripVerifiesSignatures() {
        VerificationKey read =
                PemKeys.parsePublicKey(PemKeys.publicKeyPem(KEY.verificationKey()), "k.pub");
        assertThat(read).isEqualTo(KEY.verificationKey());
        assertThat(read.verifies(MESSAGE, KEY.sign(MESSAGE))).isTrue();
        assertThat(read.verifies("other".getBytes(StandardCharsets.US_ASCII), KEY.sign(MESSAGE)))
                .isFalse();
    }

    @Test
    void pemLooksLikeOpenSsls() {
        String pem = PemKeys.publicKeyPem(KEY.verificationKey());
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA");
        assertThat(pem).endsWith("\n-----END PUBLIC KEY-----\n");
        assertThat(PemKeys.privateKeyPem(KEY))
                .startsWith("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI");
    }

    @Test
    void keyIdIsTheStartOfTheSha256OfThePublicKey() throws Exception {
        byte[] hash =
                java.security.MessageDigest.getInstance("SHA-256")
                        .digest(KEY.verificationKey().x509());
        assertThat(KEY.keyId())
                .isEqualTo(java.util.HexFormat.of().formatHex(hash).substring(0, 16));
    }

    @Test
    void signaturesAreDeterministic() {
        assertThat(KEY.sign(MESSAGE)).isEqualTo(KEY.sign(MESSAGE)).hasSize(64);
    }

    @Test
    void toStringShowsTheKeyIdButNoKeyMaterial() {
        String pemBody =
                PemKeys.privateKeyPem(KEY)
                        .lines()
                        .filter(l -> !l.startsWith("-----"))
                        .findFirst()
                        .get();
        assertThat(KEY.toString()).contains(KEY.keyId()).doesNotContain(pemBody);
        assertThat(KEY.toString()).doesNotContain(pemBody.substring(pemBody.length() - 20));
    }

    @Test
    void privateKeyFileIsOwnerOnly() throws IOException {
        Assumptions.assumeTrue(
                dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "needs a POSIX file system");
        Path file = dir.resolve("key.pem");
        PemKeys.writePrivateKey(KEY, file, false);
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(PemKeys.readPrivateKey(file).keyId()).isEqualTo(KEY.keyId());
    }

    @Test
    void overwrittenPrivateKeyFileIsOwnerOnlyToo() throws IOException {
        Assumptions.assumeTrue(
                dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "needs a POSIX file system");
        Path file = dir.resolve("key.pem");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        PemKeys.writePrivateKey(KEY, file, true);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PemKeys.readPrivateKey(file).keyId()).isEqualTo(KEY.keyId());
    }

    @Test
    void refusesToOverwriteUnlessAsked() throws IOException {
        Path priv = dir.resolve("key.pem");
        Path pub = dir.resolve("key.pub");
        Files.writeString(priv, "precious");
        Files.writeString(pub, "precious");
        assertThatThrownBy(() -> PemKeys.writePrivateKey(KEY, priv, false))
                .isInstanceOf(BadInputException.class)
                .hasMessage(priv + " already exists; refusing to overwrite it");
        assertThatThrownBy(() -> PemKeys.writePublicKey(KEY.verificationKey(), pub, false))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("refusing to overwrite");
        assertThat(Files.readString(priv)).isEqualTo("precious");
        PemKeys.writePublicKey(KEY.verificationKey(), pub, true);
        assertThat(PemKeys.readPublicKey(pub)).isEqualTo(KEY.verificationKey());
    }

    @Test
    void publicKeyWhereAPrivateKeyBelongsIsNamed() {
        String pub = PemKeys.publicKeyPem(KEY.verificationKey());
        assertThatThrownBy(() -> PemKeys.parsePrivateKey(pub, "k.pem"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("k.pem: holds a PUBLIC KEY, expected a PRIVATE KEY");
        String priv = PemKeys.privateKeyPem(KEY);
        assertThatThrownBy(() -> PemKeys.parsePublicKey(priv, "k.pub"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("k.pub: holds a PRIVATE KEY, expected a PUBLIC KEY")
                .hasMessageNotContaining(priv.substring(30, 60));
    }

    @Test
    void otherKeyTypesAndCorruptPemAreRejectedClearly() throws Exception {
        assertThatThrownBy(() -> PemKeys.parsePrivateKey("hello", "k.pem"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("k.pem: not a PEM file (no -----BEGIN ...----- block)");
        assertThatThrownBy(
                        () ->
                                PemKeys.parsePrivateKey(
                                        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
                                        "k.pem"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("encrypted keys are not supported");
        assertThatThrownBy(
                        () ->
                                PemKeys.parsePrivateKey(
                                        "-----BEGIN PRIVATE KEY-----\nnot*base64\n-----END PRIVATE KEY-----\n",
                                        "k.pem"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("k.pem: PRIVATE KEY block is not valid base64");
        byte[] rsa =
                KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate().getEncoded();
        String rsaPem =
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder().encodeToString(rsa)
                        + "\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> PemKeys.parsePrivateKey(rsaPem, "k.pem"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("k.pem: not an Ed25519 private key (PKCS#8)");
        String truncated =
                PemKeys.publicKeyPem(KEY.verificationKey())
                        .replace("MCowBQYDK2VwAyEA", "MCowBQYDK2VwAy");
        assertThatThrownBy(() -> PemKeys.parsePublicKey(truncated, "k.pub"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("k.pub: ");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> PemKeys.readPrivateKey(missing))
                .isInstanceOf(BadInputException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void openSslKeysAreReadAndOursAreReadByOpenSsl() throws Exception {
        Assumptions.assumeTrue(hasOpenSsl(), "needs the openssl command on PATH");
        Path priv = dir.resolve("openssl.pem");
        run("openssl", "genpkey", "-algorithm", "ed25519", "-out", priv.toString());
        Path pub = dir.resolve("openssl.pub");
        run("openssl", "pkey", "-in", priv.toString(), "-pubout", "-out", pub.toString());
        SigningKey fromOpenSsl = PemKeys.readPrivateKey(priv);
        assertThat(fromOpenSsl.verificationKey()).isEqualTo(PemKeys.readPublicKey(pub));

        Path ours = dir.resolve("ours.pem");
        PemKeys.writePrivateKey(KEY, ours, false);
        Path derived = dir.resolve("derived.pub");
        run("openssl", "pkey", "-in", ours.toString(), "-pubout", "-out", derived.toString());
        assertThat(PemKeys.readPublicKey(derived)).isEqualTo(KEY.verificationKey());
    }

    private static boolean hasOpenSsl() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }
}
