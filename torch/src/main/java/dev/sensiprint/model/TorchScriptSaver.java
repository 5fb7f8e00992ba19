package dev.sensiprint.model;

import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import dev.sensiprint.error.BadInputException;
import java.nio.file.Path;

/**
 * Saves a loaded TorchScript module, with its current tensor values, as a TorchScript file (for the
 * tampering suite, which changes weights in place and writes the result).
 *
 * <p>Uses libtorch's own serialiser ({@code torch::jit::Module::save}, reached through DJL's {@code
 * JniUtils.writeModule}; with {@code writeSize=false} it writes the plain zip archive, without
 * DJL's length prefix). libtorch writes everything the module holds: code, constants, parameters,
 * buffers such as BatchNorm running statistics, the {@code training} flags (false: the loaders put
 * modules in eval mode). The archive is named {@code archive/}, keeps serialisation format version
 * 3 for the shared models, and loaded in PyTorch 1.13 as well as libtorch 2.7.1. A module whose
 * graph constants were promoted at load time ({@link ConstantWeightsRewriter}) is saved as it runs,
 * with those weights as parameters. Engine-internal DJL API: pinned with DJL 0.36.
 *
 * <p>The file is written beside the target and moved over it, so a failure leaves no half file.
 */
final class TorchScriptSaver {

    private TorchScriptSaver() {}

    /**
     * @throws BadInputException naming the file when it cannot be written
     */
    static void save(PtSymbolBlock module, Path out) {
        AtomicModelWrite.write(out, os -> JniUtils.writeModule(module, os, false));
    }
}
