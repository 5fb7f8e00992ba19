package dev.sensiprint.model;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.model.TorchPickle.PickledObject;
import dev.sensiprint.model.TorchPickle.TensorRef;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Makes weights that a TorchScript file keeps as graph constants reachable as parameters.
 *
 * <p>Models exported by tracing an interpreter (e.g. ONNX → torch) often declare their weights as
 * buffers but compute with separate graph constants holding the same bytes ({@code
 * torch.lift_fresh(CONSTANTS.c0)}); DJL reaches neither, so such a model reports 0 parameters and
 * nothing can be fingerprinted. The rewrite (djl-pytorch.md §4.1), pure Java, on a copy of the
 * archive: in the root module's code, each {@code torch.lift_fresh(CONSTANTS.cN)} whose constant
 * equals a floating-point buffer (same dtype, shape, strides and bytes) becomes {@code
 * self.<buffer>}, those buffers move from {@code __buffers__} to {@code __parameters__}, the code
 * file's {@code .debug_pkl} (source ranges of the old code) is dropped, and every entry is written
 * STORED with its CRC. The tensors' bytes are untouched, so outputs stay bit-identical.
 */
public final class ConstantWeightsRewriter {

    /**
     * One constant that becomes a parameter.
     *
     * @param constantIndex N in {@code CONSTANTS.cN}
     * @param bufferName the buffer with the same bytes, now a parameter
     * @param shape its shape
     */
    public record Promotion(int constantIndex, String bufferName, long[] shape) {
        @Override
        public String toString() {
            return "c" + constantIndex + " -> " + bufferName + Arrays.toString(shape);
        }
    }

    private static final Pattern LIFT_FRESH =
            Pattern.compile("torch\\.lift_fresh\\(CONSTANTS\\.c(\\d+)\\)");
    private static final Pattern NAME_LIST = Pattern.compile("\"([^\"]*)\"");

    private ConstantWeightsRewriter() {}

    /**
     * The constants that {@link #rewrite} would promote; empty when the archive has none (weights
     * are already parameters, or its layout is not one this rewriter knows).
     */
    public static List<Promotion> plan(Path archive) {
        try (ZipFile zip = open(archive)) {
            Analysis a = analyse(zip);
            return a == null ? List.of() : a.promotions;
        } catch (IOException e) {
            throw unreadable(archive, e);
        }
    }

    /**
     * Writes the rewritten archive to {@code target} (replaced if it exists).
     *
     * @return the promotions made, never empty
     * @throws BadInputException when the archive has no constant that duplicates a buffer
     */
    public static List<Promotion> rewrite(Path source, Path target) {
        try (ZipFile zip = open(source)) {
            Analysis a = analyse(zip);
            if (a == null || a.promotions.isEmpty()) {
                throw new BadInputException(
                        "model "
                                + source
                                + " keeps no weights as graph constants duplicating its buffers;"
                                + " nothing to rewrite");
            }
            try (OutputStream out = Files.newOutputStream(target);
                    ZipOutputStream zout = new ZipOutputStream(out)) {
                for (ZipEntry e : Collections.list(zip.entries())) {
                    if (e.getName().equals(a.codeEntry + ".debug_pkl")) {
                        continue;
                    }
                    byte[] data =
                            e.getName().equals(a.codeEntry)
                                    ? a.newCode.getBytes(StandardCharsets.UTF_8)
                                    : zip.getInputStream(e).readAllBytes();
                    StoredZipEntry.write(zout, e.getName(), data);
                }
            }
            return a.promotions;
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    private record Analysis(List<Promotion> promotions, String codeEntry, String newCode) {}

    /** Null when the archive is not laid out as expected (then there is nothing to promote). */
    private static Analysis analyse(ZipFile zip) throws IOException {
        String prefix = archivePrefix(zip);
        if (prefix == null) {
            return null;
        }
        Object root = TorchPickle.read(read(zip, prefix + "data.pkl"));
        byte[] constantsPkl = readOrNull(zip, prefix + "constants.pkl");
        if (!(root instanceof PickledObject module) || constantsPkl == null) {
            return null;
        }
        if (!(TorchPickle.read(constantsPkl) instanceof List<?> constants)) {
            return null;
        }
        String moduleName = module.type().module();
        String className = module.type().name();
        String codeEntry = prefix + "code/" + moduleName.replace('.', '/') + ".py";
        byte[] codeBytes = readOrNull(zip, codeEntry);
        if (codeBytes == null) {
            return null;
        }
        String code = new String(codeBytes, StandardCharsets.UTF_8);
        ClassBlock block = ClassBlock.find(code, className);
        if (block == null) {
            return null;
        }

        Map<String, byte[]> storageCache = new HashMap<>();
        List<String> buffers = block.names("__buffers__");
        Set<String> claimed = new LinkedHashSet<>();
        List<Promotion> promotions = new ArrayList<>();
        Matcher m = LIFT_FRESH.matcher(block.text);
        Set<Integer> seen = new LinkedHashSet<>();
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (!seen.add(n) || n >= constants.size()) {
                continue;
            }
            if (!(constants.get(n) instanceof TensorRef c) || !isWeightLike(c)) {
                continue;
            }
            byte[] cBytes = slice(zip, prefix + "constants/", c, storageCache);
            for (String name : buffers) {
                if (claimed.contains(name)
                        || !(module.attributes().get(name) instanceof TensorRef b)
                        || !isWeightLike(b)
                        || !b.sameLayout(c)) {
                    continue;
                }
                byte[] bBytes = slice(zip, prefix + "data/", b, storageCache);
                if (cBytes != null && Arrays.equals(cBytes, bBytes)) {
                    claimed.add(name);
                    promotions.add(new Promotion(n, name, c.shape().clone()));
                    break;
                }
            }
        }
        if (promotions.isEmpty()) {
            return new Analysis(List.of(), codeEntry, code);
        }
        return new Analysis(
                List.copyOf(promotions), codeEntry, block.rewrite(code, promotions, claimed));
    }

    private static boolean isWeightLike(TensorRef t) {
        return t.storage().isFloatingPoint() && t.isContiguous() && t.numel() > 0;
    }

    /** The tensor's own bytes (contiguous) from its storage entry, or null when unreadable. */
    private static byte[] slice(
            ZipFile zip, String dir, TensorRef t, Map<String, byte[]> storageCache)
            throws IOException {
        String entry = dir + t.storage().key();
        byte[] storage = storageCache.get(entry);
        if (storage == null) {
            storage = readOrNull(zip, entry);
            if (storage == null) {
                return null;
            }
            storageCache.put(entry, storage);
        }
        long size = t.storage().elementSize();
        long from = t.offset() * size;
        long to = from + t.numel() * size;
        if (size == 0 || to > storage.length) {
            return null;
        }
        return Arrays.copyOfRange(storage, (int) from, (int) to);
    }

    /** The code of one class in a TorchScript source file, from its header to the next class. */
    private record ClassBlock(int start, int end, String text) {

        static ClassBlock find(String code, String className) {
            Matcher h =
                    Pattern.compile("(?m)^class " + Pattern.quote(className) + "\\(").matcher(code);
            if (!h.find()) {
                return null;
            }
            Matcher next = Pattern.compile("(?m)^class ").matcher(code);
            int end = next.find(h.end()) ? next.start() : code.length();
            return new ClassBlock(h.start(), end, code.substring(h.start(), end));
        }

        /** The names in a line like {@code __buffers__ = ["w0", "w1", ]}. */
        List<String> names(String attribute) {
            Matcher line = listLine(attribute).matcher(text);
            if (!line.find()) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            Matcher n = NAME_LIST.matcher(line.group(2));
            while (n.find()) {
                names.add(n.group(1));
            }
            return names;
        }

        String rewrite(String code, List<Promotion> promotions, Set<String> promoted) {
            List<String> params = new ArrayList<>(names("__parameters__"));
            List<String> buffers = new ArrayList<>(names("__buffers__"));
            for (Promotion p : promotions) {
                params.add(p.bufferName());
            }
            buffers.removeAll(promoted);
            String t = replaceList(text, "__parameters__", params);
            t = replaceList(t, "__buffers__", buffers);
            for (Promotion p : promotions) {
                t =
                        t.replace(
                                "torch.lift_fresh(CONSTANTS.c" + p.constantIndex() + ")",
                                "self." + p.bufferName());
            }
            return code.substring(0, start) + t + code.substring(end);
        }

        private static Pattern listLine(String attribute) {
            return Pattern.compile("(?m)^(\\s+" + Pattern.quote(attribute) + " = )\\[(.*)\\]$");
        }

        private static String replaceList(String text, String attribute, List<String> names) {
            StringBuilder list = new StringBuilder("[");
            for (String n : names) {
                list.append('"').append(n).append("\", ");
            }
            list.append(']');
            Matcher m = listLine(attribute).matcher(text);
            return m.replaceFirst(Matcher.quoteReplacement(m.find() ? m.group(1) : "") + list);
        }
    }

    /** The archive's top folder with a trailing slash (TorchScript puts everything in one). */
    private static String archivePrefix(ZipFile zip) {
        return zip.stream()
                .map(ZipEntry::getName)
                .filter(n -> n.endsWith("/data.pkl") && n.indexOf('/') == n.lastIndexOf('/'))
                .map(n -> n.substring(0, n.length() - "data.pkl".length()))
                .findFirst()
                .orElse(null);
    }

    private static ZipFile open(Path archive) {
        ModelFiles.requireFile(archive);
        try {
            return new ZipFile(archive.toFile());
        } catch (ZipException e) {
            throw new BadInputException(
                    "model file " + archive + " is not a readable zip archive: " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw unreadable(archive, e);
        }
    }

    private static byte[] read(ZipFile zip, String name) throws IOException {
        byte[] b = readOrNull(zip, name);
        if (b == null) {
            throw new IOException("missing entry " + name);
        }
        return b;
    }

    private static byte[] readOrNull(ZipFile zip, String name) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            return null;
        }
        return zip.getInputStream(e).readAllBytes();
    }

    private static BadInputException unreadable(Path archive, IOException e) {
        return new BadInputException(
                "model file " + archive + " cannot be rewritten: " + e.getMessage(), e);
    }
}
