package dev.fanout.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One configuration key: its snake_case name, the type of its value, its default, the lowest
 * value it accepts (numbers only) and a line saying what it is for.
 */
public record ConfigKey(String name, Type type, Object defaultValue, Double minimum, String description) {

    /** The kinds of value a key holds. */
    public enum Type {
        BOOLEAN("true or false"),
        INTEGER("a whole number"),
        NUMBER("a number"),
        STRING("a string"),
        STRING_LIST("a list of strings"),
        LIMITS("an object of NAME: whole number (at least 1)");

        private final String expected;

        Type(String expected) {
            this.expected = expected;
        }

        public String expected() {
            return expected;
        }
    }

    /**
     * Reads a value of this key from JSON or YAML.
     *
     * @return the value as Boolean, Integer, Double, String or List of String
     * @throws IllegalArgumentException with a message for the user when the type or range is wrong
     */
    public Object fromJson(JsonNode node) {
        Object value = switch (type) {
            case BOOLEAN -> node.isBoolean() ? node.booleanValue() : null;
            case INTEGER -> node.canConvertToInt() && node.isIntegralNumber() ? node.intValue() : null;
            case NUMBER -> node.isNumber() ? node.doubleValue() : null;
            case STRING -> node.isTextual() ? node.textValue() : null;
            case STRING_LIST -> stringList(node);
            case LIMITS -> limits(node);
        };
        if (value == null && node.isArray() && type == Type.STRING_LIST) {
            int i = 0;
            while (node.get(i).isTextual()) {
                i++;
            }
            throw new IllegalArgumentException("config key '" + name + "' must be " + type.expected() + ", but item "
                    + (i + 1) + " is " + describe(node.get(i)));
        }
        if (value == null) {
            throw new IllegalArgumentException(
                    "config key '" + name + "' must be " + type.expected() + ", not " + describe(node));
        }
        return checkRange(value);
    }

    /**
     * Reads a value of this key from text, as typed after {@code set NAME VALUE} or a flag.
     * Lists are comma-separated.
     */
    public Object fromText(String text) {
        String t = text.trim();
        Object value = switch (type) {
            case BOOLEAN ->
                switch (t.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on" -> Boolean.TRUE;
                    case "false", "no", "off" -> Boolean.FALSE;
                    default -> null;
                };
            case INTEGER -> parseInt(t);
            case NUMBER -> parseDouble(t);
            case STRING -> t;
            case STRING_LIST -> t.isEmpty() ? List.of() : List.of(t.split("\\s*,\\s*"));
            case LIMITS -> limits(t);
        };
        if (value == null) {
            throw new IllegalArgumentException(
                    "config key '" + name + "' must be " + type.expected() + ", not '" + text + "'");
        }
        return checkRange(value);
    }

    private Object checkRange(Object value) {
        if (minimum != null && value instanceof Number n && n.doubleValue() < minimum) {
            throw new IllegalArgumentException("config key '" + name + "' must be at least "
                    + ConfigKeys.formatNumber(minimum) + ", not " + ConfigKeys.formatNumber(n.doubleValue()));
        }
        if (name.equals("isolation") && !value.equals("none") && !value.equals("worktree")) {
            throw new IllegalArgumentException("config key 'isolation' must be none or worktree, not '" + value + "'");
        }
        return value;
    }

    private static List<String> stringList(JsonNode node) {
        if (!node.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return null;
            }
            out.add(item.textValue());
        }
        return List.copyOf(out);
    }

    /** {@code {"claude": 2}}: names (as task ids) to limits of at least 1, or null when it is not that. */
    private static java.util.Map<String, Integer> limits(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (var e : node.properties()) {
            JsonNode v = e.getValue();
            if (!dev.fanout.Names.isTaskId(e.getKey())
                    || !v.isIntegralNumber()
                    || !v.canConvertToInt()
                    || v.intValue() < 1) {
                return null;
            }
            out.put(e.getKey(), v.intValue());
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** {@code claude=2,gpu=1}, as typed after {@code set pools}. */
    private static java.util.Map<String, Integer> limits(String t) {
        java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (String pair : t.isEmpty() ? new String[0] : t.split("\\s*,\\s*")) {
            String[] kv = pair.split("\\s*=\\s*", 2);
            Integer n = kv.length == 2 ? parseInt(kv[1]) : null;
            if (n == null || n < 1 || !dev.fanout.Names.isTaskId(kv[0])) {
                return null;
            }
            out.put(kv[0], n);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static Integer parseInt(String t) {
        try {
            return Integer.valueOf(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseDouble(String t) {
        try {
            double d = Double.parseDouble(t);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the string \"" + node.textValue() + "\"";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isNull()) {
            return "null";
        }
        return node.toString();
    }
}
