package dev.sensiprint.testing;

import dev.sensiprint.model.StoredZipEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A float64 copy of a TorchScript archive, for finite-difference checks of gradients on the real
 * models: a loaded module cannot be cast to float64 (djl-pytorch.md §4.1), but its file can.
 *
 * <p>Every {@code FloatStorage} becomes a {@code DoubleStorage} (the class name in {@code
 * data.pkl}, the bytes of its {@code data/<key>} entry); integer storages are left alone. This
 * works for modules whose code has no float32-specific constants (checked on resnet20_cifar10.pt);
 * it is a test tool, not a general converter.
 */
public final class Float64Archive {

    private static final String FLOAT = "ctorch\nFloatStorage\n";
    private static final String DOUBLE = "ctorch\nDoubleStorage\n";

    private Float64Archive() {}

    /** Writes the float64 copy of {@code source} to {@code target}. */
    public static void convert(Path source, Path target) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        // ZipFile, not ZipInputStream: PyTorch writes STORED entries with data descriptors.
        try (ZipFile zip = new ZipFile(source.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        String dataPkl =
                entries.keySet().stream()
                        .filter(n -> n.endsWith("/data.pkl"))
                        .findFirst()
                        .orElseThrow(() -> new IOException(source + ": no data.pkl"));
        String root = dataPkl.substring(0, dataPkl.length() - "data.pkl".length());
        byte[] pickle = entries.get(dataPkl);
        Map<String, String> storageTypes = storageTypes(pickle);
        String text = new String(pickle, StandardCharsets.ISO_8859_1);
        if (!text.contains(FLOAT)) {
            throw new IOException(source + ": no FloatStorage in data.pkl");
        }
        entries.put(dataPkl, text.replace(FLOAT, DOUBLE).getBytes(StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, String> s : storageTypes.entrySet()) {
            if (s.getValue().equals("torch.FloatStorage")) {
                String name = root + "data/" + s.getKey();
                entries.put(name, widen(entries.get(name)));
            }
        }
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                StoredZipEntry.write(out, e.getKey(), e.getValue());
            }
        }
    }

    private static byte[] widen(byte[] floats) {
        ByteBuffer in = ByteBuffer.wrap(floats).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(floats.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        while (in.hasRemaining()) {
            out.putDouble(in.getFloat());
        }
        return out.array();
    }

    private static final Object MARK = new Object();
    private static final Object OPAQUE = new Object();

    /**
     * Storage key → storage class, read from the persistent ids ({@code ('storage', class, key,
     * location, numel)}) of a protocol-2 pickle. Only the opcodes PyTorch writes are handled.
     */
    static Map<String, String> storageTypes(byte[] pickle) throws IOException {
        Map<String, String> types = new HashMap<>();
        Deque<Object> stack = new ArrayDeque<>();
        Map<Integer, Object> memo = new HashMap<>();
        ByteBuffer in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
        while (in.hasRemaining()) {
            int op = in.get() & 0xff;
            switch (op) {
                case 0x80 -> in.get(); // PROTO
                case '.' -> {
                    return types; // STOP
                }
                case 'c' -> stack.push(line(in) + "." + line(in)); // GLOBAL
                case 'q' -> memo.put(in.get() & 0xff, stack.peek()); // BINPUT
                case 'r' -> memo.put(in.getInt(), stack.peek()); // LONG_BINPUT
                case 'h' -> stack.push(memo.get(in.get() & 0xff)); // BINGET
                case 'j' -> stack.push(memo.get(in.getInt())); // LONG_BINGET
                case 'X' -> { // BINUNICODE
                    byte[] s = new byte[in.getInt()];
                    in.get(s);
                    stack.push(new String(s, StandardCharsets.UTF_8));
                }
                case 'K' -> stack.push(in.get() & 0xff); // BININT1
                case 'M' -> stack.push(in.getShort() & 0xffff); // BININT2
                case 'J' -> stack.push(in.getInt()); // BININT
                case 'G' -> { // BINFLOAT, big-endian
                    in.order(ByteOrder.BIG_ENDIAN);
                    stack.push(in.getDouble());
                    in.order(ByteOrder.LITTLE_ENDIAN);
                }
                case 0x8a -> { // LONG1
                    byte[] b = new byte[in.get() & 0xff];
                    in.get(b);
                    stack.push(OPAQUE);
                }
                case 'N', 0x88, 0x89, ')', '}', ']' -> stack.push(OPAQUE); // NONE/TRUE/FALSE/empty
                case '(' -> stack.push(MARK);
                case 't' -> stack.push(popToMark(stack)); // TUPLE
                case 0x85 -> stack.push(new ArrayList<>(List.of(stack.pop()))); // TUPLE1
                case 0x86, 0x87 -> { // TUPLE2, TUPLE3
                    int n = op == 0x86 ? 2 : 3;
                    List<Object> t = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        t.add(0, stack.pop());
                    }
                    stack.push(t);
                }
                case 'Q' -> { // BINPERSID
                    Object pid = stack.pop();
                    if (pid instanceof List<?> t && t.size() >= 3 && "storage".equals(t.get(0))) {
                        types.put(String.valueOf(t.get(2)), String.valueOf(t.get(1)));
                    }
                    stack.push(OPAQUE);
                }
                case 'R', 0x81 -> { // REDUCE, NEWOBJ
                    stack.pop();
                    stack.pop();
                    stack.push(OPAQUE);
                }
                case 'b', 'a' -> stack.pop(); // BUILD, APPEND
                case 's' -> { // SETITEM
                    stack.pop();
                    stack.pop();
                }
                case 'u', 'e' -> popToMark(stack); // SETITEMS, APPENDS
                default ->
                        throw new IOException(
                                "unsupported pickle opcode 0x"
                                        + Integer.toHexString(op)
                                        + " at "
                                        + (in.position() - 1));
            }
        }
        throw new IOException("pickle without STOP");
    }

    private static List<Object> popToMark(Deque<Object> stack) {
        List<Object> items = new ArrayList<>();
        for (Object o = stack.pop(); o != MARK; o = stack.pop()) {
            items.add(0, o);
        }
        return items;
    }

    private static String line(ByteBuffer in) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte c = in.get(); c != '\n'; c = in.get()) {
            b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
