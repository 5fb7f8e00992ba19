package dev.sensiprint.model;

import dev.sensiprint.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks on a model file before any engine sees it, so that a wrong file gives a one-line message
 * naming it instead of a libtorch stack trace.
 */
final class ModelFiles {

    /** How a model file is stored. */
    enum Format {
        TORCHSCRIPT,
        ONNX
    }

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private ModelFiles() {}

    /** Fails unless {@code path} is an existing, readable, non-empty regular file. */
    static void requireFile(Path path) {
        if (!Files.exists(path)) {
            throw new BadInputException("model file " + path + " does not exist");
        }
        if (!Files.isRegularFile(path)) {
            throw new BadInputException("model path " + path + " is not a regular file");
        }
        if (!Files.isReadable(path)) {
            throw new BadInputException("model file " + path + " is not readable");
        }
        try {
            if (Files.size(path) == 0) {
                throw new BadInputException("model file " + path + " is empty");
            }
        } catch (IOException e) {
            throw new BadInputException("model file " + path + " cannot be read: " + e, e);
        }
    }

    /**
     * TorchScript when the file starts like a zip archive, ONNX when it does not and its name ends
     * in {@code .onnx}; anything else is refused.
     */
    static Format format(Path path) {
        requireFile(path);
        if (startsWithZipHeader(path)) {
            return Format.TORCHSCRIPT;
        }
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            return Format.ONNX;
        }
        throw new BadInputException(
                "model file "
                        + path
                        + " is not a TorchScript archive (no zip header) and not an ONNX model"
                        + " (name does not end in .onnx)");
    }

    /** Fails unless the file is an intact zip archive holding a TorchScript module. */
    static void requireTorchScriptArchive(Path path) {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            boolean hasData =
                    zip.stream()
                            .anyMatch(
                                    e ->
                                            e.getName().endsWith("/data.pkl")
                                                    && e.getName().indexOf('/')
                                                            == e.getName().lastIndexOf('/'));
            if (!hasData) {
                throw new BadInputException(
                        "model file "
                                + path
                                + " is a zip archive but not TorchScript (no <name>/data.pkl)");
            }
        } catch (ZipException e) {
            throw new BadInputException(
                    "model file "
                            + path
                            + " is truncated or damaged (zip archive unreadable: "
                            + e.getMessage()
                            + ")",
                    e);
        } catch (IOException e) {
            throw new BadInputException("model file " + path + " cannot be read: " + e, e);
        }
    }

    /** Lower-case hex SHA-256 of the file's bytes. */
    static String sha256(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new BadInputException("model file " + path + " cannot be read: " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static boolean startsWithZipHeader(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(ZIP_MAGIC.length);
            return Arrays.equals(head, ZIP_MAGIC);
        } catch (IOException e) {
            throw new BadInputException("model file " + path + " cannot be read: " + e, e);
        }
    }
}
