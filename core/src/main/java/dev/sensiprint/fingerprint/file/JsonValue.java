package dev.sensiprint.fingerprint.file;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sensiprint.error.BadInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value that keeps each number's text, so that a float32 is parsed from its decimal
 * text exactly once (no rounding through double) and {@code -0.0} keeps its sign. Jackson's tree
 * model cannot do both: its decimal nodes lose the sign of zero, its double nodes round twice.
 */
sealed interface JsonValue {

    record Obj(Map<String, JsonValue> fields) implements JsonValue {}

    record Arr(List<JsonValue> values) implements JsonValue {}

    record Str(String value) implements JsonValue {}

    /** A number as written; {@code integral} when it has no fraction and no exponent. */
    record Num(String text, boolean integral) implements JsonValue {}

    record Bool(boolean value) implements JsonValue {}

    enum Null implements JsonValue {
        NULL
    }

    /** What the value is, for messages: {@code string "5"}, {@code integer 5}, {@code object}. */
    default String describe() {
        if (this instanceof Str s) {
            return "string " + Names.quote(s.value());
        }
        if (this instanceof Num n) {
            return (n.integral() ? "integer " : "number ") + Names.oneLine(n.text());
        }
        if (this instanceof Bool) {
            return "boolean";
        }
        if (this instanceof Arr) {
            return "array";
        }
        return this instanceof Obj ? "object" : "null";
    }

    /**
     * Parses one JSON document (strict: no duplicate keys, nothing after the value; Jackson's
     * limits on nesting depth and number and string length apply).
     *
     * @throws BadInputException naming {@code entry} and what is wrong
     */
    static JsonValue parse(byte[] json, String entry) {
        try (JsonParser p = JsonFormat.FACTORY.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new BadInputException(entry + ": empty document");
            }
            JsonValue value = read(p, first);
            if (p.nextToken() != null) {
                throw new BadInputException(entry + ": unexpected content after the JSON value");
            }
            return value;
        } catch (JacksonException e) {
            throw new BadInputException(
                    entry + ": not valid JSON: " + Names.oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadInputException(entry + ": cannot parse: " + Names.oneLine(e.getMessage()));
        }
    }

    private static JsonValue read(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, JsonValue> fields = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String name = p.currentName();
                    fields.put(name, read(p, p.nextToken()));
                }
                return new Obj(Collections.unmodifiableMap(fields));
            }
            case START_ARRAY -> {
                List<JsonValue> values = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    values.add(read(p, t));
                }
                return new Arr(Collections.unmodifiableList(values));
            }
            case VALUE_STRING -> {
                return new Str(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return new Num(p.getText(), true);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new Num(p.getText(), false);
            }
            case VALUE_TRUE -> {
                return new Bool(true);
            }
            case VALUE_FALSE -> {
                return new Bool(false);
            }
            case VALUE_NULL -> {
                return Null.NULL;
            }
            default -> throw new IOException("unexpected token " + token);
        }
    }
}
