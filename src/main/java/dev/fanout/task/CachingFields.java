package dev.fanout.task;

import dev.fanout.LocatedException;
import dev.fanout.Location;
import java.nio.file.FileSystems;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads and checks the cache fields of a task: inputs and outputs globs, env_inputs names, cache. */
final class CachingFields {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    List<String> outputs;
    List<String> envInputs;
    Boolean cache;

    Caching toCaching() {
        // most tasks give none: they share one value rather than a million equal ones
        return outputs == null && envInputs == null && cache == null
                ? Caching.NONE
                : new Caching(outputs, envInputs, cache);
    }

    /**
     * Checks globs: valid glob syntax, no empty one; {@code outputs} may not be absolute nor climb
     * out of the task's cwd with '..', since a restore writes there.
     */
    static List<String> globs(
            String field,
            List<String> globs,
            boolean mustStayInside,
            String who,
            Location at,
            BiFunction<Location, String, LocatedException> error) {
        for (String g : globs) {
            String pattern = g.startsWith("!") ? g.substring(1) : g;
            if (pattern.isBlank()) {
                throw error.apply(at, who + field + " has an empty entry; give a path or glob such as \"src/**/*.c\"");
            }
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            } catch (PatternSyntaxException e) {
                throw error.apply(
                        at,
                        who + field + " entry '" + g + "' is not a valid glob near character " + (e.getIndex() + 1)
                                + "; check its {…} and […] pairs, and escape a literal one with '\\'");
            }
            if (mustStayInside && escapes(pattern)) {
                throw error.apply(
                        at,
                        who + field + " entry '" + g
                                + "' leaves the task's cwd; outputs must be paths inside it (no leading '/' or '..')");
            }
        }
        return globs;
    }

    /** Whether a relative glob is absolute, or has more '..' than folders before them. */
    static boolean escapes(String pattern) {
        if (pattern.startsWith("/") || pattern.startsWith("~") || pattern.matches("^[A-Za-z]:.*")) {
            return true;
        }
        int depth = 0;
        for (String part : pattern.split("/")) {
            if (part.equals("..")) {
                if (--depth < 0) {
                    return true;
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
        return false;
    }

    static List<String> envNames(
            List<String> names, String who, Location at, BiFunction<Location, String, LocatedException> error) {
        for (String n : names) {
            if (!ENV_NAME.matcher(n).matches()) {
                throw error.apply(
                        at,
                        who + "env_inputs entry '" + n
                                + "' is not an environment variable name (letters, digits and '_', not starting with a digit)");
            }
        }
        return names;
    }
}
