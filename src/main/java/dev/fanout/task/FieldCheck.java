package dev.fanout.task;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.LocatedException;
import dev.fanout.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Types the value of one field of a task, or refuses it with the file, line and column and the
 * task it belongs to ("task 'a': timeout_seconds must not be negative (got -1)").
 */
final class FieldCheck {
    private final String file;
    /** "task 'ID': ", or "task #N: " while the id is not read yet. */
    private final Supplier<String> who;

    FieldCheck(String file, Supplier<String> who) {
        this.file = file;
        this.who = who;
    }

    String text(String field, Object raw, JsonLocation at) {
        if (raw instanceof String s) {
            return s;
        }
        JsonNode v = FieldValues.node(raw);
        if (!v.isTextual()) {
            throw wrongType(field, "a string", v, at);
        }
        return v.textValue();
    }

    @SuppressWarnings("unchecked") // value() makes only lists of strings
    List<String> textList(String field, Object raw, JsonLocation at) {
        if (raw instanceof List<?> list) {
            return (List<String>) list;
        }
        JsonNode v = FieldValues.node(raw);
        if (!v.isArray()) {
            throw wrongType(field, "a list of strings", v, at);
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw wrongItem(field, "a list of strings", out.size(), item, at);
            }
            out.add(item.textValue());
        }
        return out;
    }

    List<Integer> intList(String field, JsonNode v, JsonLocation at) {
        if (!v.isArray()) {
            throw wrongType(field, "a list of whole numbers", v, at);
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isIntegralNumber() || !item.canConvertToInt()) {
                throw wrongItem(field, "a list of whole numbers", out.size(), item, at);
            }
            out.add(item.intValue());
        }
        return out;
    }

    Double nonNegative(String field, JsonNode v, JsonLocation at) {
        if (!v.isNumber()) {
            throw wrongType(field, "a number of seconds", v, at);
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw error(at, who.get() + field + " is too large to be a number of seconds");
        }
        if (d < 0) {
            throw error(at, who.get() + field + " must not be negative (got " + v.asText() + ")");
        }
        return d;
    }

    Integer nonNegativeInt(String field, JsonNode v, JsonLocation at) {
        if (v.isIntegralNumber() && !v.canConvertToInt() && v.bigIntegerValue().signum() > 0) {
            throw error(at, who.get() + field + " must be at most " + Integer.MAX_VALUE + " (got " + v.asText() + ")");
        }
        if (v.isIntegralNumber() && v.bigIntegerValue().signum() < 0) {
            throw error(at, who.get() + field + " must not be negative (got " + v.asText() + ")");
        }
        if (!v.isIntegralNumber()) {
            throw wrongType(field, "a whole number", v, at);
        }
        if (v.intValue() < 0) {
            throw error(at, who.get() + field + " must not be negative (got " + v.intValue() + ")");
        }
        return v.intValue();
    }

    long memoryMax(JsonNode v, JsonLocation at) {
        long bytes = v.isIntegralNumber() && v.canConvertToLong()
                ? v.longValue()
                : v.isTextual() ? TaskLimits.parseSize(v.textValue()) : -1;
        if (bytes < 0) {
            throw error(
                    at,
                    who.get() + "memory_max must be a size such as \"512M\" or \"2G\" (or bytes), not "
                            + (v.isTextual() ? "'" + v.textValue() + "'" : describe(v)));
        }
        if (bytes < TaskLimits.MIN_MEMORY) {
            throw error(at, who.get() + "memory_max must be at least 1M: a process cannot start in less");
        }
        return bytes;
    }

    double cpus(JsonNode v, JsonLocation at) {
        if (!v.isNumber()) {
            throw wrongType("cpus", "a number of processors such as 1 or 1.5", v, at);
        }
        double d = v.doubleValue();
        // the kernel's quota has a 1 ms floor in a 100 ms period
        if (!(d >= 0.01) || d > 4096) {
            throw error(at, who.get() + "cpus must be from 0.01 to 4096 (got " + v.asText() + ")");
        }
        return d;
    }

    TaskCommand command(Object raw, JsonLocation at) {
        if (raw instanceof List<?>) {
            List<String> argv = textList("command", raw, at);
            if (argv.isEmpty() || argv.get(0).isEmpty()) {
                throw error(at, who.get() + "command is an empty list; its first element is the program to run");
            }
            return TaskCommand.argv(argv);
        }
        JsonNode v = FieldValues.node(raw);
        if (v.isTextual()) {
            if (v.textValue().isBlank()) {
                throw error(at, who.get() + "command is empty; give a command line or an argv list");
            }
            return TaskCommand.shell(v.textValue());
        }
        if (v.isArray()) {
            List<String> argv = textList("command", v, at);
            if (argv.isEmpty() || argv.get(0).isEmpty()) {
                throw error(at, who.get() + "command is an empty list; its first element is the program to run");
            }
            return TaskCommand.argv(argv);
        }
        throw wrongType("command", "a string (run by sh -c) or a list of strings (argv)", v, at);
    }

    Map<String, String> requires(JsonNode v, JsonLocation at) {
        return textValues("requires", "an object of LABEL: value (labels a cluster worker must have)", v, at);
    }

    Map<String, String> env(JsonNode v, JsonLocation at) {
        return textValues("env", "an object of NAME: value", v, at);
    }

    /** An object whose values are strings, numbers or booleans, each kept as its text. */
    private Map<String, String> textValues(String field, String expected, JsonNode v, JsonLocation at) {
        if (!v.isObject()) {
            throw wrongType(field, expected, v, at);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : v.properties()) {
            JsonNode value = e.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw error(
                        at, who.get() + field + " value of '" + e.getKey() + "' must be a string, number or boolean");
            }
            out.put(e.getKey(), value.asText());
        }
        return out;
    }

    LocatedException wrongType(String field, String expected, JsonNode v, JsonLocation at) {
        return error(at, who.get() + field + " must be " + expected + ", not " + describe(v));
    }

    LocatedException wrongItem(String field, String expected, int index, JsonNode item, JsonLocation at) {
        return error(
                at, who.get() + field + " must be " + expected + ", but item " + (index + 1) + " is " + describe(item));
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        return v.asText();
    }

    LocatedException error(Location at, String problem) {
        return LocatedException.tasksFile(file, at.line(), at.column(), problem);
    }

    LocatedException error(JsonLocation at, String problem) {
        return error(position(at), problem);
    }

    Location position(JsonLocation at) {
        return new Location(file, at.getLineNr(), at.getColumnNr());
    }
}
