package dev.fanout.cli;

import java.util.Map;

/**
 * Colours for terminal output, or none: only on a terminal that is not dumb, and never when
 * {@code NO_COLOR} is set (no-color.org).
 */
public record Style(boolean colour) {

    public static Style forOutput(boolean terminal, Map<String, String> env) {
        String term = env.getOrDefault("TERM", "");
        boolean colour = terminal && !env.containsKey("NO_COLOR") && !term.isEmpty() && !term.equals("dumb");
        return new Style(colour);
    }

    public static Style plain() {
        return new Style(false);
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String cyan(String s) {
        return wrap("36", s);
    }

    private String wrap(String code, String s) {
        return colour ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
