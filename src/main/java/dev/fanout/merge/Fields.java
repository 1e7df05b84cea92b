package dev.fanout.merge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Tolerant reads of a task's result JSON: tasks are written by people and tools, so a field may
 * be missing, spelt one of a few ways, or hold a number as text. Each read returns null (or an
 * empty list) rather than throwing.
 */
final class Fields {
    private Fields() {}

    /** The first of {@code names} holding a string, number or boolean, as text; null when none does. */
    static String text(JsonNode node, String... names) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (String name : names) {
            JsonNode v = node.get(name);
            if (v != null && v.isValueNode() && !v.isNull()) {
                return v.asText();
            }
        }
        return null;
    }

    /** The first of {@code names} holding a whole number (or whole-number text) that is not negative; null when none does. */
    static Long count(JsonNode node, String... names) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (String name : names) {
            JsonNode v = node.get(name);
            if (v == null) {
                continue;
            }
            if (v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
                return v.asLong() >= 0 ? v.asLong() : null;
            }
            if (v.isTextual()) {
                try {
                    long n = Long.parseLong(v.asText().trim());
                    return n >= 0 ? n : null;
                } catch (NumberFormatException e) {
                    // not a count: try the next spelling
                }
            }
        }
        return null;
    }

    /** The first of {@code names} holding a number; null when none does. */
    static Double number(JsonNode node, String... names) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (String name : names) {
            JsonNode v = node.get(name);
            if (v != null && v.isNumber()) {
                return v.asDouble();
            }
        }
        return null;
    }

    /** The first of {@code names} holding a boolean; null when none does. */
    static Boolean flag(JsonNode node, String... names) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (String name : names) {
            JsonNode v = node.get(name);
            if (v != null && v.isBoolean()) {
                return v.asBoolean();
            }
        }
        return null;
    }

    /**
     * The elements of a list the result holds: the result itself when it is an array, else the
     * first of {@code names} that is an array; a single object or string under a name counts as
     * a list of one. Empty when there is none.
     */
    static List<JsonNode> items(JsonNode result, String... names) {
        List<JsonNode> out = new ArrayList<>();
        if (result == null) {
            return out;
        }
        if (result.isArray()) {
            result.forEach(out::add);
            return out;
        }
        if (!result.isObject()) {
            return out;
        }
        for (String name : names) {
            JsonNode v = result.get(name);
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isArray()) {
                v.forEach(out::add);
            } else {
                out.add(v);
            }
            return out;
        }
        return out;
    }

    /** Strings given as a string, an array of strings, or an array of objects with one of {@code keys}. */
    static List<String> strings(JsonNode value, String... keys) {
        List<String> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (value.isArray()) {
            for (JsonNode item : value) {
                String s = item.isValueNode() ? item.asText() : text(item, keys);
                if (s != null && !s.isEmpty()) {
                    out.add(s);
                }
            }
        } else if (value.isValueNode()) {
            out.add(value.asText());
        } else {
            String s = text(value, keys);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
