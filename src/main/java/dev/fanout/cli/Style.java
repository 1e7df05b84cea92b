package dev.fanout.cli;

import java.util.Map;

/**
 * Colours for terminal output, or none: only on a terminal that is not dumb, and never when
 * {@code NO_COLOR} is set (no-color.org). On a terminal, text from tasks and agents goes through
 * {@link #taskText} so that it cannot drive the terminal.
 */
public record Style(boolean colour, boolean terminal) {

    public static Style forOutput(boolean terminal, Map<String, String> env) {
        String term = env.getOrDefault("TERM", "");
        boolean colour = terminal && !env.containsKey("NO_COLOR") && !term.isEmpty() && !term.equals("dumb");
        return new Style(colour, terminal);
    }

    public static Style plain() {
        return new Style(false, false);
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

    /**
     * Text a task or agent produced, as it may be printed here: on a terminal without control
     * sequences other than colours (and without colours when this style has none); elsewhere as
     * it is, since pipes and files get what the task wrote.
     */
    public String taskText(String s) {
        return terminal ? TerminalText.clean(s, colour) : s;
    }

    /** A filter for a stream of task text, for output too large to hold: see {@link #taskText}. */
    java.util.function.UnaryOperator<String> taskTextStream() {
        return terminal ? new TerminalText(colour)::feed : s -> s;
    }

    private String wrap(String code, String s) {
        return colour ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
