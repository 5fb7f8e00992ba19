package dev.sensiprint.fingerprint.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How the file's JSON entries are written, byte for byte.
 *
 * <p>Because a reader re-serialises what it parsed and demands identical bytes, the layout is fixed
 * here rather than left to library defaults: two-space indentation, {@code ": "} after keys, arrays
 * of scalars on one line ({@code [3, 32, 32]}), arrays of objects one object after another, numbers
 * in the shortest form that reads back exactly (Jackson's Schubfach writer, the same on every JDK),
 * non-ASCII characters escaped, a final newline.
 */
final class JsonFormat {

    static final JsonFactory FACTORY =
            JsonFactory.builder()
                    .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                    .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                    .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();

    private JsonFormat() {}

    /** What writes one JSON document to a generator. */
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** The UTF-8 bytes of one JSON document, in the fixed layout, ending with a newline. */
    static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new Layout());
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** The fixed layout; one instance per document (it tracks nesting). */
    private static final class Layout implements PrettyPrinter {
        /** Per open container: true for an array that holds objects, false otherwise. */
        private final Deque<Boolean> arrayOfObjects = new ArrayDeque<>();

        private final Deque<Boolean> isArray = new ArrayDeque<>();

        private void newline(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
            g.writeRaw("  ".repeat(isArray.size()));
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            if (!isArray.isEmpty() && isArray.peek()) {
                arrayOfObjects.pop();
                arrayOfObjects.push(true);
                newline(g);
            }
            g.writeRaw('{');
            isArray.push(false);
            arrayOfObjects.push(false);
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            newline(g);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newline(g);
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            isArray.pop();
            arrayOfObjects.pop();
            if (entries > 0) {
                newline(g);
            }
            g.writeRaw('}');
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
            isArray.push(true);
            arrayOfObjects.push(false);
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) {}

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(arrayOfObjects.peek() ? "," : ", ");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            isArray.pop();
            boolean objects = arrayOfObjects.pop();
            if (objects) {
                newline(g);
            }
            g.writeRaw(']');
        }
    }
}
