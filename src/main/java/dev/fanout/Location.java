package dev.fanout;

/** Where in a file a problem is, as messages write it: {@code file}, {@code file:line} or {@code file:line:column}. */
public final class Location {
    private Location() {}

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
