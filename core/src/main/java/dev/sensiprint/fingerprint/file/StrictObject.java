package dev.sensiprint.fingerprint.file;

import dev.sensiprint.error.BadInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON object read without trust: every field must be known, present and of the right type, and
 * each failure names the entry, the field's path and what was found.
 */
final class StrictObject {

    private final Map<String, JsonValue> fields;
    private final String entry;
    private final String path;

    private StrictObject(JsonValue value, String entry, String path, Set<String> known) {
        this.entry = entry;
        this.path = path;
        if (!(value instanceof JsonValue.Obj obj)) {
            throw bad(
                    (path.isEmpty() ? "" : path + ": ")
                            + "expected an object, found "
                            + value.describe());
        }
        this.fields = obj.fields();
        for (String name : fields.keySet()) {
            if (!known.contains(name)) {
                throw bad(
                        (path.isEmpty() ? "" : path + ": ") + "unknown field " + Names.quote(name));
            }
        }
    }

    /** Parses a JSON document whose root must be an object with only known fields. */
    static StrictObject parse(byte[] json, String entry, Set<String> known) {
        return new StrictObject(JsonValue.parse(json, entry), entry, "", known);
    }

    /** The value of a field, which must be present (it may be JSON null). */
    JsonValue get(String field) {
        JsonValue value = fields.get(field);
        if (value == null) {
            throw bad(path(field) + " is missing");
        }
        return value;
    }

    StrictObject object(String field, Set<String> known) {
        return new StrictObject(get(field), entry, path(field), known);
    }

    /** An array element that must be an object with only known fields. */
    StrictObject element(JsonValue value, String elementPath, Set<String> known) {
        return new StrictObject(value, entry, elementPath, known);
    }

    String string(String field) {
        if (!(get(field) instanceof JsonValue.Str s)) {
            throw wrongType(field, "a string");
        }
        return s.value();
    }

    /** A string or null. */
    String optionalString(String field) {
        return get(field) == JsonValue.Null.NULL ? null : string(field);
    }

    boolean bool(String field) {
        if (!(get(field) instanceof JsonValue.Bool b)) {
            throw wrongType(field, "true or false");
        }
        return b.value();
    }

    int integer(String field) {
        return toInt(get(field), path(field));
    }

    /** A finite number, parsed from its text with correct rounding. */
    double finiteDouble(String field) {
        if (!(get(field) instanceof JsonValue.Num n)) {
            throw wrongType(field, "a number");
        }
        double d = Double.parseDouble(n.text());
        if (!Double.isFinite(d)) {
            throw bad(path(field) + ": " + Names.oneLine(n.text()) + " is out of range");
        }
        return d;
    }

    /** A finite float32, parsed from its text with correct rounding. */
    float finiteFloat(String field) {
        return toFloat(get(field), path(field));
    }

    List<JsonValue> array(String field) {
        if (!(get(field) instanceof JsonValue.Arr a)) {
            throw wrongType(field, "an array");
        }
        return a.values();
    }

    int[] intArray(String field) {
        List<JsonValue> values = array(field);
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toInt(values.get(i), path(field) + "[" + i + "]");
        }
        return out;
    }

    float[] floatArray(String field) {
        List<JsonValue> values = array(field);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toFloat(values.get(i), path(field) + "[" + i + "]");
        }
        return out;
    }

    /** An object whose values are all strings, in file order. */
    LinkedHashMap<String, String> stringMap(String field) {
        if (!(get(field) instanceof JsonValue.Obj obj)) {
            throw wrongType(field, "an object");
        }
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : obj.fields().entrySet()) {
            if (!(e.getValue() instanceof JsonValue.Str s)) {
                throw bad(
                        path(field)
                                + "."
                                + Names.quote(e.getKey())
                                + ": expected a string, found "
                                + e.getValue().describe());
            }
            out.put(e.getKey(), s.value());
        }
        return out;
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    BadInputException bad(String what) {
        return new BadInputException(entry + ": " + what);
    }

    private BadInputException wrongType(String field, String expected) {
        return bad(path(field) + ": expected " + expected + ", found " + get(field).describe());
    }

    private int toInt(JsonValue v, String at) {
        if (!(v instanceof JsonValue.Num n) || !n.integral()) {
            throw bad(at + ": expected an integer, found " + v.describe());
        }
        try {
            return Integer.parseInt(n.text());
        } catch (NumberFormatException e) {
            throw bad(at + ": " + Names.oneLine(n.text()) + " is out of range");
        }
    }

    private float toFloat(JsonValue v, String at) {
        if (!(v instanceof JsonValue.Num n)) {
            throw bad(at + ": expected a number, found " + v.describe());
        }
        float f = Float.parseFloat(n.text());
        if (!Float.isFinite(f)) {
            throw bad(at + ": " + Names.oneLine(n.text()) + " is out of float32 range");
        }
        return f;
    }
}
