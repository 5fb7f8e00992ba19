package dev.sensiprint.autograd;

import dev.sensiprint.model.StoredZipEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipOutputStream;

/**
 * The TorchScript archive of a module whose methods call {@code torch.autograd.grad}, built in
 * memory so that no Python and no binary resource is needed.
 *
 * <p>A TorchScript archive is a zip of four entries: the serialisation format version, an empty
 * constants table, the pickled module object and its compiled source. See djl-pytorch.md §3.1.
 */
final class AutogradHelperArchive {

    private static final String ROOT = "autograd_helper/";

    /**
     * The module's compiled source. {@code allow_unused=True} (the last argument) makes an input
     * that does not reach the outputs get zeros instead of an error. {@code sensitivity} and {@code
     * sensitivity_and_grad} compute S = ||dF/dW||² / |W| (and dS/dx) inside the interpreter: from
     * Java the sum of squares took two native calls per weight tensor. With {@code
     * log_probabilities} (log p by logsumexp) an MLP step went from 0.88 to 0.74 ms
     * (docs/BENCHMARKS.md).
     */
    private static final String SOURCE =
            """
            class AutogradHelper(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.AutogradHelper, x: Tensor) -> Tensor:
                return x
              def grad(self: __torch__.AutogradHelper, outputs: List[Tensor], inputs: List[Tensor], create_graph: bool) -> List[Tensor]:
                gs = torch.autograd.grad(outputs, inputs, None, None, create_graph, True)
                out = annotate(List[Tensor], [])
                for i in range(torch.len(gs)):
                  g = gs[i]
                  if torch.__is__(g, None):
                    _0 = torch.append(out, torch.zeros_like(inputs[i]))
                  else:
                    g0 = unchecked_cast(Tensor, g)
                    _1 = torch.append(out, g0)
                return out
              def grad_create(self: __torch__.AutogradHelper, outputs: List[Tensor], inputs: List[Tensor]) -> List[Tensor]:
                return (self).grad(outputs, inputs, True, )
              def grad_plain(self: __torch__.AutogradHelper, outputs: List[Tensor], inputs: List[Tensor]) -> List[Tensor]:
                return (self).grad(outputs, inputs, False, )
              def log_probabilities(self: __torch__.AutogradHelper, logits: Tensor, classes: Tensor) -> Tensor:
                z = torch.reshape(logits, [1, -1])
                z_c = torch.reshape(torch.index_select(z, 1, classes), [-1, 1])
                d = torch.scatter(torch.sub(z, z_c), 1, torch.reshape(classes, [-1, 1]), -1.0e30)
                t = torch.logsumexp(d, [1], False)
                return torch.neg(torch.sum(torch.softplus(t, 1, 20)))
              def squared_norm(self: __torch__.AutogradHelper, gs: List[Tensor]) -> Tensor:
                total = torch.sum(torch.mul(gs[0], gs[0]))
                for i in range(1, torch.len(gs)):
                  total = torch.add(total, torch.sum(torch.mul(gs[i], gs[i])))
                return total
              def sensitivity(self: __torch__.AutogradHelper, f: Tensor, count: Tensor, weights: List[Tensor]) -> Tensor:
                gs = (self).grad([f], weights, False, )
                return torch.div((self).squared_norm(gs, ), count)
              def sensitivity_and_grad(self: __torch__.AutogradHelper, f: Tensor, x: Tensor, count: Tensor, weights: List[Tensor]) -> List[Tensor]:
                gs = (self).grad([f], weights, True, )
                s = torch.div((self).squared_norm(gs, ), count)
                gx = (self).grad([s], [x], False, )
                return [s, gx[0]]
            """;

    /**
     * Pickle protocol 2 of an {@code AutogradHelper} object with state {@code {'training': True}}
     * (55 bytes). The class name must match the class in {@link #SOURCE}.
     */
    private static final byte[] DATA_PKL =
            "\u0080\u0002c__torch__\nAutogradHelper\nq\0)\u0081}(X\u0008\0\0\0trainingq\u0001\u0088ubq\u0002."
                    .getBytes(StandardCharsets.ISO_8859_1);

    /** Pickle protocol 2 of an empty tuple. */
    private static final byte[] CONSTANTS_PKL = {(byte) 0x80, 0x02, 0x29, 0x2e};

    private AutogradHelperArchive() {}

    /** The archive's bytes, ready for {@code JniUtils.loadModule}. */
    static byte[] bytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
        try (ZipOutputStream zip = new ZipOutputStream(buffer)) {
            StoredZipEntry.write(zip, ROOT + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
            StoredZipEntry.write(zip, ROOT + "constants.pkl", CONSTANTS_PKL);
            StoredZipEntry.write(zip, ROOT + "data.pkl", DATA_PKL);
            StoredZipEntry.write(
                    zip, ROOT + "code/__torch__.py", SOURCE.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the autograd helper archive in memory", e);
        }
        return buffer.toByteArray();
    }
}
