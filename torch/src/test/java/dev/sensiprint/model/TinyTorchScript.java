package dev.sensiprint.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipOutputStream;

/**
 * Writes minimal TorchScript archives from Java (djl-pytorch.md §3.1 layout), so tests can have
 * models with any forward they need (wrong output shapes, a softmax, no parameters) without Python.
 */
final class TinyTorchScript {

    private TinyTorchScript() {}

    /** A module without parameters whose forward takes {@code x} and returns {@code expression}. */
    static Path write(Path file, String expression) throws IOException {
        return write(file, "Tensor", expression);
    }

    /**
     * @param returnType TorchScript return type, e.g. {@code Tensor} or {@code Tuple[Tensor,
     *     Tensor]}
     * @param expression the returned expression in TorchScript, over the input {@code x}
     */
    static Path write(Path file, String returnType, String expression) throws IOException {
        String code =
                "class Tiny(Module):\n"
                        + "  __parameters__ = []\n"
                        + "  __buffers__ = []\n"
                        + "  training : bool\n"
                        + "  def forward(self: __torch__.Tiny,\n"
                        + "    x: Tensor) -> "
                        + returnType
                        + ":\n"
                        + "    return "
                        + expression
                        + "\n";
        // pickle protocol 2: a __torch__.Tiny object with state {'training': False}
        byte[] data =
                "\u0080\u0002c__torch__\nTiny\nq\0)\u0081}(X\u0008\0\0\0trainingq\u0001\u0089ubq\u0002."
                        .getBytes(StandardCharsets.ISO_8859_1);
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            StoredZipEntry.write(zip, "tiny/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            StoredZipEntry.write(zip, "tiny/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            StoredZipEntry.write(zip, "tiny/data.pkl", data);
            StoredZipEntry.write(
                    zip, "tiny/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
