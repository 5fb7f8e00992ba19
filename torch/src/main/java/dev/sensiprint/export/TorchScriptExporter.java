package dev.sensiprint.export;

import dev.sensiprint.architecture.Architecture;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.model.AtomicModelWrite;
import dev.sensiprint.model.StoredZipEntry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipOutputStream;

/**
 * Writes a trained {@link Architecture} as a TorchScript archive, without Python: DJL cannot export
 * a block to TorchScript, so the archive is built by hand (djl-pytorch.md §3.1 layout, as {@code
 * AutogradHelperArchive} does for a module without weights).
 *
 * <p>Entries, all STORED: {@code version} (serialisation format 3), {@code constants.pkl} (an empty
 * tuple), {@code code/__torch__.py} (the compiled source {@link Architecture#torchScriptSource()}
 * gives), {@code data.pkl} (the module object with {@code training=False} and one tensor per
 * parameter, pickled as {@code torch._utils._rebuild_tensor_v2} over a persistent storage id) and
 * {@code data/N} (each tensor's float32 values, little-endian). The module is saved in eval mode,
 * so a plain {@code torch.jit.load} needs no {@code eval()}.
 *
 * <p>The archive is written beside the target and moved over it, so a failure leaves no half file.
 */
public final class TorchScriptExporter {

    /** One parameter tensor to export; its values are row-major float32. */
    public record Tensor(String name, long[] shape, float[] values) {
        public Tensor {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (n != values.length) {
                throw new IllegalArgumentException(
                        name
                                + ": shape "
                                + Arrays.toString(shape)
                                + " holds "
                                + n
                                + " values, got "
                                + values.length);
            }
            shape = shape.clone();
        }
    }

    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private TorchScriptExporter() {}

    /**
     * Writes {@code tensors} (one per {@link Architecture#parameterNames()}, in that order) with
     * the architecture's code to {@code out}.
     *
     * @throws IllegalArgumentException if the tensors do not match the architecture's parameters
     * @throws BadInputException naming the file when it cannot be written
     */
    public static void write(Architecture architecture, List<Tensor> tensors, Path out) {
        List<String> names = architecture.parameterNames();
        if (names.size() != tensors.size()) {
            throw new IllegalArgumentException(
                    names.size() + " parameters expected, " + tensors.size() + " given");
        }
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).equals(tensors.get(i).name())) {
                throw new IllegalArgumentException(
                        "parameter "
                                + i
                                + " is "
                                + tensors.get(i).name()
                                + ", not "
                                + names.get(i));
            }
        }
        AtomicModelWrite.write(
                out,
                os -> {
                    // finish(), not close(): AtomicModelWrite owns and closes the stream.
                    ZipOutputStream zip = new ZipOutputStream(os);
                    String root = archiveRoot(architecture);
                    StoredZipEntry.write(
                            zip,
                            root + "version",
                            "3\n".getBytes(StandardCharsets.US_ASCII),
                            ENTRY_TIME);
                    StoredZipEntry.write(
                            zip,
                            root + "constants.pkl",
                            new PickleWriter().emptyTuple().stop(),
                            ENTRY_TIME);
                    StoredZipEntry.write(
                            zip,
                            root + "code/__torch__.py",
                            architecture.torchScriptSource().getBytes(StandardCharsets.UTF_8),
                            ENTRY_TIME);
                    StoredZipEntry.write(
                            zip, root + "data.pkl", dataPickle(architecture, tensors), ENTRY_TIME);
                    for (int i = 0; i < tensors.size(); i++) {
                        StoredZipEntry.write(
                                zip,
                                root + "data/" + i,
                                littleEndian(tensors.get(i).values()),
                                ENTRY_TIME);
                    }
                    zip.finish();
                });
    }

    private static String archiveRoot(Architecture a) {
        return a.name().toLowerCase(java.util.Locale.ROOT) + "/";
    }

    /** The module object: {@code __torch__.NAME} with state {training: False, name: tensor...}. */
    static byte[] dataPickle(Architecture architecture, List<Tensor> tensors) {
        PickleWriter p = new PickleWriter();
        p.global("__torch__", architecture.name()).emptyTuple().newObject();
        p.emptyDict().mark();
        p.string("training").bool(false);
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            p.string(t.name());
            tensor(p, t, Integer.toString(i));
        }
        p.setItems().build();
        return p.stop();
    }

    /** {@code _rebuild_tensor_v2(storage, 0, shape, contiguous strides, True, OrderedDict())}. */
    private static void tensor(PickleWriter p, Tensor t, String key) {
        p.global("torch._utils", "_rebuild_tensor_v2").mark();
        p.mark()
                .string("storage")
                .global("torch", "FloatStorage")
                .string(key)
                .string("cpu")
                .integer(t.values().length)
                .tuple()
                .persistentId();
        p.integer(0);
        long[] shape = t.shape();
        p.mark();
        for (long d : shape) {
            p.integer(d);
        }
        p.tuple();
        p.mark();
        long stride = 1;
        long[] strides = new long[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= shape[i];
        }
        for (long s : strides) {
            p.integer(s);
        }
        p.tuple();
        // requires_grad: parameters are saved as PyTorch saves them
        p.bool(true);
        p.global("collections", "OrderedDict").emptyTuple().reduce();
        p.tuple().reduce();
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }
}
