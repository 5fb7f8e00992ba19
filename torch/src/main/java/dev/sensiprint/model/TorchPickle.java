package dev.sensiprint.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader for the pickles inside a TorchScript archive ({@code data.pkl}, {@code constants.pkl}):
 * just enough of the pickle machine to see which named attribute or constant is which tensor, with
 * which storage, dtype and shape. It never imports or runs anything; unknown callables become inert
 * {@link Call} values.
 *
 * <p>Why not let libtorch tell us: DJL 0.36 enumerates only {@code named_parameters()}, never
 * buffers or constants (djl-pytorch.md §4.1), and we need exactly those to recover weights stored
 * as graph constants.
 */
final class TorchPickle {

    /** A {@code module.name} global reference. */
    record Global(String module, String name) {
        String qualifiedName() {
            return module + "." + name;
        }
    }

    /** A callable applied to arguments that this reader does not interpret. */
    record Call(Global callable, List<Object> args) {}

    /**
     * A tensor's storage: an archive entry holding the raw little-endian values.
     *
     * @param storageType e.g. {@code FloatStorage}
     * @param key the entry name under {@code data/} or {@code constants/}
     * @param numel element count of the whole storage
     */
    record StorageRef(String storageType, String key, long numel) {

        /** Bytes per element, or 0 when the type is not known here. */
        int elementSize() {
            return switch (storageType) {
                case "DoubleStorage", "LongStorage" -> 8;
                case "FloatStorage", "IntStorage" -> 4;
                case "HalfStorage", "BFloat16Storage", "ShortStorage" -> 2;
                case "CharStorage", "ByteStorage", "BoolStorage" -> 1;
                default -> 0;
            };
        }

        boolean isFloatingPoint() {
            return switch (storageType) {
                case "DoubleStorage", "FloatStorage", "HalfStorage", "BFloat16Storage" -> true;
                default -> false;
            };
        }
    }

    /** A tensor view on a storage, as {@code torch._utils._rebuild_tensor_v2} describes it. */
    record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {

        long numel() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        boolean isContiguous() {
            long expected = 1;
            for (int i = shape.length - 1; i >= 0; i--) {
                if (shape[i] != 1 && stride[i] != expected) {
                    return false;
                }
                expected *= shape[i];
            }
            return true;
        }

        boolean sameLayout(TensorRef o) {
            return storage.storageType().equals(o.storage.storageType())
                    && Arrays.equals(shape, o.shape)
                    && Arrays.equals(stride, o.stride);
        }

        @Override
        public String toString() {
            return storage.storageType() + Arrays.toString(shape) + "@" + storage.key();
        }
    }

    /** An object made with {@code NEWOBJ} (a TorchScript module), its state set by BUILD. */
    static final class PickledObject {
        private final Global type;
        private Object state;

        PickledObject(Global type) {
            this.type = type;
        }

        Global type() {
            return type;
        }

        /** The attribute dictionary, or an empty map when the state is not a dictionary. */
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes() {
            return state instanceof Map<?, ?> m
                    ? Collections.unmodifiableMap((Map<String, Object>) m)
                    : Map.of();
        }
    }

    private static final Object MARK = new Object();

    private final ByteBuffer in;
    private final Deque<Object> stack = new ArrayDeque<>();
    private final Map<Integer, Object> memo = new HashMap<>();

    private TorchPickle(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Reads one pickle.
     *
     * @throws IOException when the bytes are not a pickle this reader understands
     */
    static Object read(byte[] bytes) throws IOException {
        try {
            return new TorchPickle(bytes).run();
        } catch (RuntimeException e) {
            throw new IOException("unreadable pickle: " + e.getMessage(), e);
        }
    }

    private Object run() throws IOException {
        while (true) {
            int op = in.get() & 0xff;
            switch (op) {
                case 0x80 -> in.get(); // PROTO
                case 0x95 -> in.getLong(); // FRAME (protocol 4)
                case '.' -> {
                    return pop();
                }
                case '(' -> stack.push(MARK);
                case 'c' -> stack.push(new Global(line(), line()));
                case 'q' -> memo.put(in.get() & 0xff, peek());
                case 'r' -> memo.put(in.getInt(), peek());
                case 0x94 -> memo.put(memo.size(), peek()); // MEMOIZE
                case 'h' -> stack.push(memoGet(in.get() & 0xff));
                case 'j' -> stack.push(memoGet(in.getInt()));
                case 'X' -> stack.push(string(in.getInt(), StandardCharsets.UTF_8));
                case 0x8c -> stack.push(string(in.get() & 0xff, StandardCharsets.UTF_8));
                case 'U' -> stack.push(string(in.get() & 0xff, StandardCharsets.ISO_8859_1));
                case 'T' -> stack.push(string(in.getInt(), StandardCharsets.ISO_8859_1));
                case 'B' -> stack.push(bytes(in.getInt()));
                case 'C' -> stack.push(bytes(in.get() & 0xff));
                case 'K' -> stack.push((long) (in.get() & 0xff));
                case 'M' -> stack.push((long) (in.getShort() & 0xffff));
                case 'J' -> stack.push((long) in.getInt());
                case 0x8a -> stack.push(long1(in.get() & 0xff));
                case 'G' -> stack.push(Double.longBitsToDouble(Long.reverseBytes(in.getLong())));
                case 'N' -> stack.push(None.NONE);
                case 0x88 -> stack.push(Boolean.TRUE);
                case 0x89 -> stack.push(Boolean.FALSE);
                case ')' -> stack.push(List.of());
                case 't' -> stack.push(Collections.unmodifiableList(popToMark()));
                case 0x85 -> stack.push(tuple(1));
                case 0x86 -> stack.push(tuple(2));
                case 0x87 -> stack.push(tuple(3));
                case ']' -> stack.push(new ArrayList<>());
                case 'a' -> {
                    Object v = pop();
                    list(peek()).add(v);
                }
                case 'e' -> {
                    List<Object> items = popToMark();
                    list(peek()).addAll(items);
                }
                case '}' -> stack.push(new LinkedHashMap<>());
                case 's' -> {
                    Object v = pop();
                    Object k = pop();
                    dict(peek()).put(k, v);
                }
                case 'u' -> {
                    List<Object> items = popToMark();
                    Map<Object, Object> d = dict(peek());
                    for (int i = 0; i + 1 < items.size(); i += 2) {
                        d.put(items.get(i), items.get(i + 1));
                    }
                }
                case 'Q' -> stack.push(persistent(pop()));
                case 'R' -> {
                    Object args = pop();
                    Object fn = pop();
                    stack.push(reduce(fn, args));
                }
                case 0x81 -> {
                    pop(); // constructor arguments: TorchScript objects take none
                    Object type = pop();
                    if (!(type instanceof Global g)) {
                        throw new IllegalStateException("NEWOBJ on a non-class " + type);
                    }
                    stack.push(new PickledObject(g));
                }
                case 'b' -> {
                    Object state = pop();
                    if (peek() instanceof PickledObject o) {
                        o.state = state;
                    }
                }
                default ->
                        throw new IOException(
                                "pickle opcode 0x"
                                        + Integer.toHexString(op)
                                        + " at offset "
                                        + (in.position() - 1)
                                        + " is not supported");
            }
        }
    }

    /** Python's None. */
    enum None {
        NONE
    }

    private Object reduce(Object fn, Object args) {
        List<Object> a = list(args);
        if (fn instanceof Global g) {
            if (g.qualifiedName().equals("torch._utils._rebuild_tensor_v2")
                    && a.size() >= 4
                    && a.get(0) instanceof StorageRef s) {
                return new TensorRef(s, (Long) a.get(1), longs(a.get(2)), longs(a.get(3)));
            }
            if (g.qualifiedName().equals("collections.OrderedDict") && a.isEmpty()) {
                return new LinkedHashMap<>();
            }
            return new Call(g, a);
        }
        throw new IllegalStateException("REDUCE on a non-callable " + fn);
    }

    private static Object persistent(Object pid) {
        // ('storage', torch.FloatStorage, key, location, numel)
        if (pid instanceof List<?> t
                && t.size() >= 5
                && "storage".equals(t.get(0))
                && t.get(1) instanceof Global type
                && t.get(2) instanceof String key) {
            return new StorageRef(type.name(), key, (Long) t.get(4));
        }
        return new Call(new Global("pickle", "persistent_id"), List.of(pid));
    }

    private static long[] longs(Object tuple) {
        List<Object> t = list(tuple);
        long[] r = new long[t.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = (Long) t.get(i);
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new IllegalStateException("expected a list or tuple, found " + o);
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object o) {
        if (o instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw new IllegalStateException("expected a dict, found " + o);
    }

    private List<Object> tuple(int n) {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = pop();
        }
        return List.of(items);
    }

    private List<Object> popToMark() {
        List<Object> items = new ArrayList<>();
        while (true) {
            Object o = pop();
            if (o == MARK) {
                break;
            }
            items.add(o);
        }
        Collections.reverse(items);
        return items;
    }

    private Object pop() {
        if (stack.isEmpty()) {
            throw new IllegalStateException("stack underflow at offset " + in.position());
        }
        return stack.pop();
    }

    private Object peek() {
        if (stack.isEmpty()) {
            throw new IllegalStateException("empty stack at offset " + in.position());
        }
        return stack.peek();
    }

    private Object memoGet(int i) {
        Object o = memo.get(i);
        if (o == null) {
            throw new IllegalStateException("memo entry " + i + " is undefined");
        }
        return o;
    }

    private String line() {
        StringBuilder sb = new StringBuilder();
        while (true) {
            byte b = in.get();
            if (b == '\n') {
                return sb.toString();
            }
            sb.append((char) (b & 0xff));
        }
    }

    private String string(int length, Charset cs) {
        return new String(bytes(length), cs);
    }

    private byte[] bytes(int length) {
        if (length < 0 || length > in.remaining()) {
            throw new IllegalStateException("string length " + length + " beyond the pickle");
        }
        byte[] b = new byte[length];
        in.get(b);
        return b;
    }

    private long long1(int n) {
        byte[] b = bytes(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        if (n > 0 && n < 8 && (b[n - 1] & 0x80) != 0) {
            v -= 1L << (8 * n); // sign-extend
        }
        return v;
    }
}
