package dev.fanout.cli;

import dev.fanout.FanoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a shell or batch line into words. The quoting rules ('help' and README state them):
 * blanks separate words; single quotes keep everything inside as typed; double quotes keep
 * everything inside as typed except {@code \"} (a double quote) and {@code \\} (a backslash);
 * quoted and unquoted text next to each other make one word; elsewhere a backslash is an
 * ordinary character (paths keep theirs). A {@code js} line is not split: its code is taken as
 * typed.
 */
final class ShellLine {
    private ShellLine() {}

    /**
     * The words of a line; a leading "fanout" is dropped, as typed by habit.
     *
     * @throws FanoutException (bad input) for an unbalanced quote
     */
    static List<String> words(String line) {
        String code = javaScriptCode(line);
        if (code != null) {
            return new ArrayList<>(List.of("js", code));
        }
        List<String> words = split(line);
        if (!words.isEmpty() && words.get(0).equals("fanout")) {
            words.remove(0);
        }
        return words;
    }

    private static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                i++;
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < line.length() && line.charAt(j) != c) {
                    char d = line.charAt(j);
                    if (c == '"' && d == '\\' && j + 1 < line.length() && "\"\\".indexOf(line.charAt(j + 1)) >= 0) {
                        j++;
                        d = line.charAt(j);
                    }
                    word.append(d);
                    j++;
                }
                if (j >= line.length()) {
                    throw FanoutException.badInput(
                            "unbalanced quote: close the " + (c == '\'' ? "' (single)" : "\" (double)") + " quote");
                }
                i = j + 1;
            } else {
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * The code of a {@code js CODE} line, taken as typed, quotes and all, so JavaScript needs no
     * shell quoting at the prompt (code wrapped whole in one pair of quotes is unwrapped); null
     * for any other line, and for {@code js} with options ({@code -f FILE}, {@code --help}).
     */
    static String javaScriptCode(String line) {
        String l = line.strip();
        if (l.startsWith("fanout") && l.length() > 6 && Character.isWhitespace(l.charAt(6))) {
            l = l.substring(7).strip();
        }
        if (!l.startsWith("js") || l.length() < 3 || !Character.isWhitespace(l.charAt(2))) {
            return null;
        }
        String code = l.substring(3).strip();
        if (code.startsWith("-")) {
            return null;
        }
        if (code.length() >= 2
                && (code.charAt(0) == '\'' || code.charAt(0) == '"')
                && code.charAt(code.length() - 1) == code.charAt(0)
                && code.indexOf(code.charAt(0), 1) == code.length() - 1) {
            code = code.substring(1, code.length() - 1);
        }
        return code;
    }

    /** A line shown in a message: control characters escaped, so binary input cannot garble a terminal. */
    static String printable(String s, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\ufffd') {
                sb.append(String.format("\\x%02x", (int) c & 0xff));
            } else {
                sb.append(c);
            }
        }
        return sb.length() >= max ? sb.substring(0, max) + "…" : sb.toString();
    }
}
