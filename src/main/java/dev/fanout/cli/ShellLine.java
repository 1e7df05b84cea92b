package dev.fanout.cli;

import dev.fanout.FanoutException;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;

/**
 * Splits a shell or batch line into words: blanks separate words, single and double quotes
 * group them, and a backslash is an ordinary character (paths and JavaScript keep theirs).
 */
final class ShellLine {
    private ShellLine() {}

    /** The parser the shell's line reader uses: it never asks for more lines on an open quote. */
    static DefaultParser lenientParser() {
        DefaultParser p = new DefaultParser();
        p.setEscapeChars(null);
        p.setEofOnUnclosedQuote(false);
        return p;
    }

    /**
     * The words of a line; a leading "fanout" is dropped, as typed by habit.
     *
     * @throws FanoutException (bad input) for an unbalanced quote
     */
    static List<String> words(String line) {
        List<String> js = javaScriptLine(line);
        if (js != null) {
            return js;
        }
        DefaultParser strict = new DefaultParser();
        strict.setEscapeChars(null);
        strict.setEofOnUnclosedQuote(true);
        List<String> words;
        try {
            words = new ArrayList<>(strict.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE)
                    .words());
        } catch (EOFError e) {
            throw FanoutException.badInput("unbalanced quote: close the "
                    + (line.chars().filter(c -> c == '\'').count() % 2 == 1 ? "' (single)" : "\" (double)") + " quote");
        }
        words.removeIf(String::isEmpty);
        if (!words.isEmpty() && words.get(0).equals("fanout")) {
            words.remove(0);
        }
        return words;
    }

    /**
     * {@code js CODE}: the code is taken as typed, quotes and all, so JavaScript needs no shell
     * quoting at the prompt; code wrapped whole in one pair of quotes is unwrapped.
     */
    private static List<String> javaScriptLine(String line) {
        String l = line.strip();
        if (l.startsWith("fanout ")) {
            l = l.substring(7).strip();
        }
        if (!l.startsWith("js ")) {
            return null;
        }
        String code = l.substring(3).strip();
        if (code.startsWith("-")) {
            return null; // options (-f FILE, --help): ordinary words
        }
        if (code.length() >= 2
                && (code.charAt(0) == '\'' || code.charAt(0) == '"')
                && code.charAt(code.length() - 1) == code.charAt(0)
                && code.indexOf(code.charAt(0), 1) == code.length() - 1) {
            code = code.substring(1, code.length() - 1);
        }
        return new ArrayList<>(List.of("js", code));
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
