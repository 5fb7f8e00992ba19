package dev.sensiprint.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the few pickle (protocol 2) opcodes a TorchScript {@code data.pkl} needs: globals, marks,
 * tuples, dictionaries, strings, ints, booleans, persistent ids, reduce and build. No memo:
 * libtorch does not require one, and nothing here is shared.
 */
final class PickleWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleWriter() {
        out.write(0x80); // PROTO
        out.write(2);
    }

    PickleWriter global(String module, String name) {
        out.write('c');
        ascii(module + "\n" + name + "\n");
        return this;
    }

    PickleWriter mark() {
        out.write('(');
        return this;
    }

    /** TUPLE: the items since the last mark. */
    PickleWriter tuple() {
        out.write('t');
        return this;
    }

    PickleWriter emptyTuple() {
        out.write(')');
        return this;
    }

    PickleWriter emptyDict() {
        out.write('}');
        return this;
    }

    /** SETITEMS: key/value pairs since the last mark into the dictionary below it. */
    PickleWriter setItems() {
        out.write('u');
        return this;
    }

    PickleWriter string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write('X');
        int32(b.length);
        out.write(b, 0, b.length);
        return this;
    }

    PickleWriter integer(long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("integer " + v + " does not fit BININT");
        }
        out.write('J');
        int32((int) v);
        return this;
    }

    PickleWriter bool(boolean v) {
        out.write(v ? 0x88 : 0x89);
        return this;
    }

    /** BINPERSID: the object on the stack is a persistent id. */
    PickleWriter persistentId() {
        out.write('Q');
        return this;
    }

    /** REDUCE: call the callable below the argument tuple. */
    PickleWriter reduce() {
        out.write('R');
        return this;
    }

    /** NEWOBJ: instantiate the class below the argument tuple. */
    PickleWriter newObject() {
        out.write(0x81);
        return this;
    }

    /** BUILD: set the state of the object below. */
    PickleWriter build() {
        out.write('b');
        return this;
    }

    byte[] stop() {
        out.write('.');
        return out.toByteArray();
    }

    private void int32(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private void ascii(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        out.write(b, 0, b.length);
    }
}
