package dev.sensiprint.fingerprint.file;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sensiprint.error.BadInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A JSON object read without trust: every field must be known, present and of the right type, and
 * each failure names the entry, the field's path and what was found.
 */
final class StrictObject {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder(JsonFormat.FACTORY)
                    // Exact decimal text, so a float32 is parsed once (no double rounding).
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private final JsonNode node;
    private final String entry;
    private final String path;

    private StrictObject(JsonNode node, String entry, String path, Set<String> fields) {
        this.node = node;
        this.entry = entry;
        this.path = path;
        if (!node.isObject()) {
            throw bad(where() + "expected an object, found " + type(node));
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw bad(where() + "unknown field " + Names.quote(name));
            }
        }
    }

    /** Parses a JSON document whose root must be an object with exactly the known fields. */
    static StrictObject parse(byte[] json, String entry, Set<String> fields) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new BadInputException(
                    entry + ": not valid JSON: " + Names.oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadInputException(entry + ": cannot parse: " + Names.oneLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new BadInputException(entry + ": empty document");
        }
        return new StrictObject(root, entry, "", fields);
    }

    /** The value of a field, which must be present (it may be JSON null). */
    JsonNode get(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw bad(path(field) + " is missing");
        }
        return value;
    }

    StrictObject object(String field, Set<String> fields) {
        return new StrictObject(get(field), entry, path(field), fields);
    }

    /** An array element that must be an object with the known fields. */
    StrictObject element(JsonNode value, String elementPath, Set<String> fields) {
        return new StrictObject(value, entry, elementPath, fields);
    }

    String string(String field) {
        JsonNode v = get(field);
        if (!v.isTextual()) {
            throw wrongType(field, "a string", v);
        }
        return v.textValue();
    }

    /** A string or null. */
    String optionalString(String field) {
        JsonNode v = get(field);
        return v.isNull() ? null : string(field);
    }

    boolean bool(String field) {
        JsonNode v = get(field);
        if (!v.isBoolean()) {
            throw wrongType(field, "true or false", v);
        }
        return v.booleanValue();
    }

    int integer(String field) {
        return toInt(get(field), path(field));
    }

    double finiteDouble(String field) {
        return toDouble(get(field), path(field));
    }

    float finiteFloat(String field) {
        return toFloat(get(field), path(field));
    }

    List<JsonNode> array(String field) {
        JsonNode v = get(field);
        if (!v.isArray()) {
            throw wrongType(field, "an array", v);
        }
        List<JsonNode> values = new ArrayList<>(v.size());
        v.elements().forEachRemaining(values::add);
        return values;
    }

    int[] intArray(String field) {
        List<JsonNode> values = array(field);
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toInt(values.get(i), path(field) + "[" + i + "]");
        }
        return out;
    }

    float[] floatArray(String field) {
        List<JsonNode> values = array(field);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toFloat(values.get(i), path(field) + "[" + i + "]");
        }
        return out;
    }

    /** The object's fields as strings, in file order. */
    java.util.LinkedHashMap<String, String> stringMap(String field) {
        JsonNode v = get(field);
        if (!v.isObject()) {
            throw wrongType(field, "an object", v);
        }
        java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
        Iterator<java.util.Map.Entry<String, JsonNode>> fields = v.fields();
        while (fields.hasNext()) {
            java.util.Map.Entry<String, JsonNode> e = fields.next();
            if (!e.getValue().isTextual()) {
                throw bad(
                        path(field)
                                + "."
                                + Names.quote(e.getKey())
                                + ": expected a string, found "
                                + type(e.getValue()));
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    BadInputException bad(String what) {
        return new BadInputException(entry + ": " + what);
    }

    private BadInputException wrongType(String field, String expected, JsonNode found) {
        return bad(path(field) + ": expected " + expected + ", found " + type(found));
    }

    private int toInt(JsonNode v, String at) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw bad(at + ": expected an integer, found " + type(v));
        }
        return v.intValue();
    }

    double toDouble(JsonNode v, String at) {
        if (!v.isNumber()) {
            throw bad(at + ": expected a number, found " + type(v));
        }
        double d = Double.parseDouble(v.decimalValue().toString());
        if (!Double.isFinite(d)) {
            throw bad(at + ": " + v.decimalValue() + " is out of range");
        }
        return d;
    }

    private float toFloat(JsonNode v, String at) {
        if (!v.isNumber()) {
            throw bad(at + ": expected a number, found " + type(v));
        }
        float f = Float.parseFloat(v.decimalValue().toString());
        if (!Float.isFinite(f)) {
            throw bad(at + ": " + v.decimalValue() + " is out of float32 range");
        }
        return f;
    }

    private String where() {
        return path.isEmpty() ? "" : path + ": ";
    }

    static String type(JsonNode v) {
        if (v.isIntegralNumber()) {
            return "integer " + Names.oneLine(v.asText());
        }
        if (v.isNumber()) {
            return "number " + Names.oneLine(v.decimalValue().toString());
        }
        if (v.isTextual()) {
            return "string " + Names.quote(v.textValue());
        }
        return v.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
