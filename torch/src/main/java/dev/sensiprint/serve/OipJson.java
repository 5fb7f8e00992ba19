package dev.sensiprint.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.sensiprint.tensor.FloatTensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON bodies the server sends, written with Jackson's streaming generator.
 *
 * <p>Each float32 value is written as the shortest decimal of the double it widens to (what numpy's
 * {@code tolist()} gives), not as the float's own shortest decimal: read back as a double and
 * narrowed to float (Python's {@code json} + {@code numpy.float32}, Triton, this server), or parsed
 * straight to float (Java's {@code Float.parseFloat}), it gives the same bits. The float's own
 * shortest decimal fails the first way for some values: {@code 7.038531E-26} (0x15ae43fd) narrows
 * to 0x15ae43fe. {@code JsonFloatsTest} checks awkward values both ways. NaN and ±Infinity are
 * written as the bare tokens {@code NaN}, {@code Infinity}, {@code -Infinity} (not standard JSON,
 * but what Python's {@code json} reads and writes), never as strings.
 */
final class OipJson {

    private OipJson() {}

    /** The factory for reading requests and writing responses. */
    static JsonFactory factory() {
        return JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .streamReadConstraints(
                        StreamReadConstraints.builder()
                                .maxNestingDepth(64)
                                .maxStringLength(1 << 20)
                                .maxNumberLength(400)
                                .build())
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .build();
    }

    static byte[] error(JsonFactory json, String message) {
        return write(json, g -> g.writeStringField("error", message));
    }

    static byte[] live(JsonFactory json, boolean live) {
        return write(json, g -> g.writeBooleanField("live", live));
    }

    static byte[] ready(JsonFactory json, boolean ready) {
        return write(json, g -> g.writeBooleanField("ready", ready));
    }

    static byte[] modelReady(JsonFactory json, String name, boolean ready) {
        return write(
                json,
                g -> {
                    g.writeStringField("name", name);
                    g.writeBooleanField("ready", ready);
                });
    }

    static byte[] serverMetadata(
            JsonFactory json, String name, String version, List<String> extensions) {
        return write(
                json,
                g -> {
                    g.writeStringField("name", name);
                    g.writeStringField("version", version);
                    g.writeArrayFieldStart("extensions");
                    for (String e : extensions) {
                        g.writeString(e);
                    }
                    g.writeEndArray();
                });
    }

    /** A tensor's {@code $metadata_tensor}: name, datatype, shape (-1 for a variable size). */
    record TensorMetadata(String name, String datatype, int[] shape) {}

    static byte[] modelMetadata(
            JsonFactory json,
            String name,
            List<String> versions,
            String platform,
            TensorMetadata input,
            TensorMetadata output) {
        return write(
                json,
                g -> {
                    g.writeStringField("name", name);
                    g.writeArrayFieldStart("versions");
                    for (String v : versions) {
                        g.writeString(v);
                    }
                    g.writeEndArray();
                    g.writeStringField("platform", platform);
                    g.writeArrayFieldStart("inputs");
                    writeTensorMetadata(g, input);
                    g.writeEndArray();
                    g.writeArrayFieldStart("outputs");
                    writeTensorMetadata(g, output);
                    g.writeEndArray();
                });
    }

    /** An {@code $inference_response} with one FP32 output; {@code id} is omitted when null. */
    static byte[] inferResponse(
            JsonFactory json,
            String modelName,
            String modelVersion,
            String id,
            String outputName,
            FloatTensor output) {
        return write(
                json,
                g -> {
                    g.writeStringField("model_name", modelName);
                    g.writeStringField("model_version", modelVersion);
                    if (id != null) {
                        g.writeStringField("id", id);
                    }
                    g.writeArrayFieldStart("outputs");
                    g.writeStartObject();
                    g.writeStringField("name", outputName);
                    g.writeStringField("datatype", "FP32");
                    g.writeFieldName("shape");
                    g.writeArray(output.shape(), 0, output.shape().length);
                    g.writeArrayFieldStart("data");
                    for (float v : output.data()) {
                        g.writeNumber((double) v);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                    g.writeEndArray();
                });
    }

    private static void writeTensorMetadata(JsonGenerator g, TensorMetadata t) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", t.name());
        g.writeStringField("datatype", t.datatype());
        g.writeFieldName("shape");
        g.writeArray(t.shape(), 0, t.shape().length);
        g.writeEndObject();
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(JsonFactory json, Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        return out.toByteArray();
    }
}
