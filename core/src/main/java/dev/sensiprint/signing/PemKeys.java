package dev.sensiprint.signing;

import dev.sensiprint.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys in PEM files, as OpenSSL writes them: {@code PRIVATE KEY} holds PKCS#8 DER, {@code
 * PUBLIC KEY} holds X.509 SubjectPublicKeyInfo DER (RFC 7468, RFC 8410). {@code openssl genpkey
 * -algorithm ed25519} keys can be read, and keys written here can be used by OpenSSL.
 *
 * <p>Private key files are created with owner-only permissions (POSIX 600) where the file system
 * supports them, from the moment they exist. Existing files are never replaced unless asked.
 * Messages never contain key material.
 */
public final class PemKeys {

    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";
    private static final int MAX_PEM_BYTES = 64 * 1024;
    private static final Pattern BLOCK =
            Pattern.compile(
                    "-----BEGIN ([A-Z0-9 ]+)-----\\R(.*?)-----END ([A-Z0-9 ]+)-----",
                    Pattern.DOTALL);

    private PemKeys() {}

    /** The PEM text of a private key (PKCS#8). Secret: do not log it. */
    public static String privateKeyPem(SigningKey key) {
        return pem(PRIVATE, key.pkcs8());
    }

    /** The PEM text of a public key (X.509 SubjectPublicKeyInfo). */
    public static String publicKeyPem(VerificationKey key) {
        return pem(PUBLIC, key.x509());
    }

    /**
     * Writes the private key, readable and writable by the owner only.
     *
     * @throws BadInputException if the file exists and {@code overwrite} is false, or cannot be
     *     written
     */
    public static void writePrivateKey(SigningKey key, Path file, boolean overwrite) {
        write(file, privateKeyPem(key), overwrite, true);
    }

    /**
     * Writes the public key.
     *
     * @throws BadInputException if the file exists and {@code overwrite} is false, or cannot be
     *     written
     */
    public static void writePublicKey(VerificationKey key, Path file, boolean overwrite) {
        write(file, publicKeyPem(key), overwrite, false);
    }

    /**
     * Reads a PEM private key.
     *
     * @throws BadInputException naming the file and what is wrong with it
     */
    public static SigningKey readPrivateKey(Path file) {
        return parsePrivateKey(readText(file), file.toString());
    }

    /**
     * Reads a PEM public key.
     *
     * @throws BadInputException naming the file and what is wrong with it
     */
    public static VerificationKey readPublicKey(Path file) {
        return parsePublicKey(readText(file), file.toString());
    }

    /** Parses PEM text holding a {@code PRIVATE KEY}; {@code source} names it in messages. */
    public static SigningKey parsePrivateKey(String pem, String source) {
        byte[] der = decodeBlock(pem, PRIVATE, source);
        try {
            PrivateKey key =
                    KeyFactory.getInstance(VerificationKey.ALGORITHM)
                            .generatePrivate(new PKCS8EncodedKeySpec(der));
            return SigningKey.of(key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BadInputException(source + ": not an Ed25519 private key (PKCS#8)");
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /** Parses PEM text holding a {@code PUBLIC KEY}; {@code source} names it in messages. */
    public static VerificationKey parsePublicKey(String pem, String source) {
        return VerificationKey.fromX509(decodeBlock(pem, PUBLIC, source), source);
    }

    private static byte[] decodeBlock(String pem, String expected, String source) {
        Matcher m = BLOCK.matcher(pem);
        if (!m.find()) {
            throw new BadInputException(source + ": not a PEM file (no -----BEGIN ...----- block)");
        }
        String type = m.group(1);
        if (!type.equals(m.group(3))) {
            throw new BadInputException(
                    source + ": PEM block BEGIN " + type + " ends with END " + m.group(3));
        }
        if (!type.equals(expected)) {
            String hint =
                    type.equals("ENCRYPTED PRIVATE KEY")
                            ? "; encrypted keys are not supported"
                            : List.of("EC PRIVATE KEY", "RSA PRIVATE KEY", "OPENSSH PRIVATE KEY")
                                            .contains(type)
                                    ? "; only Ed25519 keys in PKCS#8 form are supported"
                                    : "";
            throw new BadInputException(
                    source + ": holds a " + type + ", expected a " + expected + hint);
        }
        if (m.find()) {
            throw new BadInputException(source + ": holds more than one PEM block");
        }
        m.reset().find();
        String body = m.group(2).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(source + ": " + expected + " block is not valid base64");
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static String readText(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_PEM_BYTES + 1);
            if (bytes.length > MAX_PEM_BYTES) {
                throw new BadInputException(file + ": too large for a PEM key file");
            }
            return new String(bytes, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text, boolean overwrite, boolean secret) {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes =
                posix
                        ? new FileAttribute<?>[] {
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString(
                                            secret ? "rw-------" : "rw-r--r--"))
                        }
                        : new FileAttribute<?>[0];
        try {
            if (!overwrite) {
                // CREATE_NEW fails if the file exists, with no window between check and create;
                // the permissions apply from creation on, so the secret is never world-readable.
                try (SeekableByteChannel out =
                        Files.newByteChannel(
                                file,
                                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                                attributes)) {
                    writeFully(out, bytes);
                }
                return;
            }
            Path temp = Files.createTempFile(dir, ".key-", ".tmp", attributes);
            try {
                try (SeekableByteChannel out =
                        Files.newByteChannel(temp, Set.of(StandardOpenOption.WRITE))) {
                    writeFully(out, bytes);
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (FileAlreadyExistsException e) {
            throw new BadInputException(file + " already exists; refusing to overwrite it");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static void writeFully(SeekableByteChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }
}
