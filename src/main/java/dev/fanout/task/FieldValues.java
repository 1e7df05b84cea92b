package dev.fanout.task;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Field values of one tasks file as plain Java values, and what the file's tasks share: the cwd
 * of a task without one (the file's folder, one string for all rather than one each) and
 * repeated short values (a type, a program) kept once. Most fields of a large file are a string
 * or a list of strings; reading those without a JSON tree, and keeping fewer copies, halves what
 * reading a million tasks allocates, and the collector copies fewer objects.
 */
final class FieldValues {
    /** Distinct values kept once: types and programs are a handful in a file; beyond, values are kept as read. */
    private static final int KEPT_ONCE = 256;

    private final String folder;
    private final Map<String, String> values = new HashMap<>();
    /** Where a list's items are gathered before they are copied into a list of their size. */
    private String[] items = new String[8];

    /** For the file in folder {@code base}, or null for a stream. */
    FieldValues(Path base) {
        this.folder = base == null ? null : base.resolve("").normalize().toString();
    }

    /** The file's folder, the cwd of a task that gives none; null for a stream. */
    String folder() {
        return folder;
    }

    /** The one copy of {@code value} this file keeps. */
    String canonical(String value) {
        String kept = values.get(value);
        if (kept != null) {
            return kept;
        }
        if (values.size() < KEPT_ONCE) {
            values.put(value, value);
        }
        return value;
    }

    /**
     * The value of {@code field} at the parser, whose current token is {@code token}: a String for
     * a JSON string, an immutable List for a list of strings where one is expected, else the
     * JsonNode tree. The parser is left on the value's last token.
     */
    Object read(String field, JsonToken token, JsonParser parser) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (token != JsonToken.START_ARRAY || !stringList(field)) {
            return Json.read(parser);
        }
        String[] a = items;
        int n = 0;
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.VALUE_STRING) {
            if (n == a.length) {
                a = items = Arrays.copyOf(a, 2 * n);
            }
            // a program is one of a few in a file
            a[n] = n == 0 && field.equals("command") ? canonical(parser.getText()) : parser.getText();
            n++;
        }
        if (t == JsonToken.END_ARRAY) {
            return list(a, n);
        }
        // not all strings: the tree, for the messages that describe the odd item
        ArrayNode array = JsonNodeFactory.instance.arrayNode(n + 1);
        for (int i = 0; i < n; i++) {
            array.add(a[i]);
        }
        array.add(Json.read(parser));
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(Json.read(parser));
        }
        return array;
    }

    /** Fields whose value is a list of strings. */
    private static boolean stringList(String field) {
        return switch (field) {
            case "depends_on", "command", "inputs", "outputs", "env_inputs" -> true;
            default -> false;
        };
    }

    /** The first {@code n} items as an immutable list, copied once (List.of's fixed arities keep their array). */
    private static List<String> list(String[] a, int n) {
        return switch (n) {
            case 0 -> List.of();
            case 1 -> List.of(a[0]);
            case 2 -> List.of(a[0], a[1]);
            case 3 -> List.of(a[0], a[1], a[2]);
            case 4 -> List.of(a[0], a[1], a[2], a[3]);
            case 5 -> List.of(a[0], a[1], a[2], a[3], a[4]);
            default -> List.of(Arrays.copyOf(a, n));
        };
    }

    /** A value {@link #read} gave as the tree it stands for, for the checks and messages written for trees. */
    static JsonNode node(Object v) {
        if (v instanceof JsonNode n) {
            return n;
        }
        if (v instanceof String s) {
            return JsonNodeFactory.instance.textNode(s);
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Object item : (List<?>) v) {
            array.add((String) item);
        }
        return array;
    }
}
