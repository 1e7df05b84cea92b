package dev.fanout.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * A block of status lines kept at the bottom of a terminal: redrawn in place with one write
 * (no flicker), and lifted out of the way when other lines are printed above it. Lines are cut
 * to the terminal's width so a wrap never breaks the count of lines to redraw.
 */
final class LiveBlock {
    private static final String ESC = "\u001b[";
    private final PrintWriter out;
    private final IntSupplier width;
    private List<String> lines = List.of();
    private int drawn;

    LiveBlock(PrintWriter out, IntSupplier width) {
        this.out = out;
        this.width = width;
    }

    /** Replaces the block's lines and redraws it. */
    synchronized void show(List<String> newLines) {
        lines = List.copyOf(newLines);
        StringBuilder sb = new StringBuilder();
        erase(sb);
        draw(sb);
        out.print(sb);
        out.flush();
    }

    /** Prints text above the block (the text ends with a newline or gets one). */
    synchronized void printAbove(String text) {
        StringBuilder sb = new StringBuilder();
        erase(sb);
        sb.append(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            sb.append('\n');
        }
        draw(sb);
        out.print(sb);
        out.flush();
    }

    /** Removes the block, leaving the cursor where it started. */
    synchronized void clear() {
        StringBuilder sb = new StringBuilder();
        erase(sb);
        lines = List.of();
        out.print(sb);
        out.flush();
    }

    private void erase(StringBuilder sb) {
        if (drawn > 0) {
            sb.append('\r');
            sb.append(ESC).append(drawn).append('A');
            sb.append(ESC).append('J');
        }
        drawn = 0;
    }

    private void draw(StringBuilder sb) {
        int w = Math.max(20, width.getAsInt() - 1);
        for (String line : lines) {
            sb.append(cut(line, w)).append('\n');
            drawn++;
        }
    }

    /** Cuts a line to {@code w} visible characters, not counting colour codes. */
    static String cut(String line, int w) {
        StringBuilder sb = new StringBuilder();
        int visible = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\u001b') {
                int end = line.indexOf('m', i);
                if (end > 0) {
                    sb.append(line, i, end + 1);
                    i = end;
                    continue;
                }
            }
            if (visible == w) {
                sb.append("\u001b[0m");
                break;
            }
            sb.append(c);
            visible++;
        }
        return sb.toString();
    }
}
