package dev.fanout.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A table printed with aligned columns: a bold header, then the rows; the last column is not
 * padded, so long text (a reason, a description) runs on without trailing blanks.
 */
final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = List.of(header);
    }

    TextTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + header.size());
        }
        rows.add(List.of(cells));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out, Style style) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> r : rows) {
                widths[c] = Math.max(widths[c], r.get(c).length());
            }
        }
        out.println(style.bold(line(header, widths)));
        rows.forEach(r -> out.println(line(r, widths)));
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            b.append(cell);
            if (c < cells.size() - 1) {
                b.append(" ".repeat(widths[c] - cell.length() + 2));
            }
        }
        return b.toString().stripTrailing();
    }

    /** {@code text} on one line, cut to {@code max} characters with an ellipsis. */
    static String oneLine(String text, int max) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
