package dev.sensiprint.attack;

import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import dev.sensiprint.error.BadInputException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Saves a loaded TorchScript module, with its current tensor values, as a TorchScript file.
 *
 * <p>Uses libtorch's own serialiser ({@code torch::jit::Module::save}, reached through DJL's {@code
 * JniUtils.writeModule}; with {@code writeSize=false} it writes the plain zip archive, without
 * DJL's length prefix). libtorch writes everything the module holds: code, constants, parameters,
 * buffers such as BatchNorm running statistics, the {@code training} flags. The archive is named
 * {@code archive/}, has serialisation format version 3 for the shared models, and loads in any
 * libtorch that reads that version. Engine-internal DJL API: pinned with DJL 0.36.
 *
 * <p>The file is written beside the target and moved over it, so a failure leaves no half file.
 */
public final class TorchScriptSaver {

    private TorchScriptSaver() {}

    /**
     * @throws BadInputException naming the file when it cannot be written
     */
    public static void save(PtSymbolBlock module, Path out) {
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                JniUtils.writeModule(module, os, false);
            }
            try {
                Files.move(
                        tmp,
                        target,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new BadInputException("cannot write model file " + out + ": " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover .part file is harmless
                }
            }
        }
    }
}
