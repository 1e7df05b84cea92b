package dev.fanout;

import java.util.regex.Pattern;

/**
 * Where in an input a problem is, written as messages write it: {@code file},
 * {@code file:line} or {@code file:line:column}. The one formatter of places.
 *
 * @param file   the file, or a name such as {@code <expression>}
 * @param line   1-based, or 0 when unknown (the file as a whole)
 * @param column 1-based, or 0 when unknown
 */
public record Location(String file, int line, int column) {
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]");

    /** The place in {@code file} (a path or a name). */
    public static Location of(Object file, int line, int column) {
        return new Location(String.valueOf(file), line, column);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return file + ":" + line + (column > 0 ? ":" + column : "");
    }

    /**
     * A JSON parser's message in the user's words: its first line, with Jackson's
     * "[Source: REDACTED …; line: 1, column: 2]" written "line 1, column 2".
     */
    public static String parserMessage(String message) {
        String first =
                message == null ? "syntax error" : message.lines().findFirst().orElse("syntax error");
        return SOURCE.matcher(first).replaceAll("line $1, column $2").strip();
    }
}
