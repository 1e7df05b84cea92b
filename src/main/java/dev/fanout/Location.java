package dev.fanout;

/** Where in a file a problem is, as messages write it: {@code file}, {@code file:line} or {@code file:line:column}. */
public final class Location {
    private static final java.util.regex.Pattern SOURCE =
            java.util.regex.Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]");

    private Location() {}

    /**
     * A JSON parser's message in the user's words: its first line, with Jackson's
     * "[Source: REDACTED …; line: 1, column: 2]" written "line 1, column 2".
     */
    public static String parserMessage(String message) {
        String first =
                message == null ? "syntax error" : message.lines().findFirst().orElse("syntax error");
        return SOURCE.matcher(first).replaceAll("line $1, column $2").strip();
    }

    /**
     * @param line 1-based, or 0 when unknown (the file as a whole)
     * @param column 1-based, or 0 when unknown
     */
    public static String of(Object file, int line, int column) {
        if (line <= 0) {
            return String.valueOf(file);
        }
        return file + ":" + line + (column > 0 ? ":" + column : "");
    }
}
