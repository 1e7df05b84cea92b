package dev.fanout.cli;

import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours the line as it is typed: a known command in bold, an unknown one in red (before
 * Enter), options in cyan, quoted strings in green; in a {@code js} line and in JavaScript
 * mode, keywords in magenta, strings in green and numbers in yellow. Plain when colour is off.
 */
final class ShellHighlighter implements Highlighter {
    static final AttributedStyle COMMAND = AttributedStyle.BOLD;
    static final AttributedStyle UNKNOWN = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    static final AttributedStyle OPTION = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    static final AttributedStyle KEYWORD = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);

    private static final Set<String> JS_KEYWORDS = Set.of(
            "break",
            "case",
            "catch",
            "const",
            "continue",
            "default",
            "delete",
            "do",
            "else",
            "false",
            "finally",
            "for",
            "function",
            "if",
            "in",
            "instanceof",
            "let",
            "new",
            "null",
            "of",
            "return",
            "switch",
            "this",
            "throw",
            "true",
            "try",
            "typeof",
            "undefined",
            "var",
            "void",
            "while");

    private final Set<String> commands;
    private final BooleanSupplier javaScriptMode;
    private final boolean colour;

    ShellHighlighter(Set<String> commands, BooleanSupplier javaScriptMode, boolean colour) {
        this.commands = commands;
        this.javaScriptMode = javaScriptMode;
        this.colour = colour;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        if (!colour) {
            return new AttributedString(buffer);
        }
        AttributedStringBuilder sb = new AttributedStringBuilder();
        if (javaScriptMode.getAsBoolean()) {
            javaScript(sb, buffer);
        } else {
            command(sb, buffer);
        }
        return sb.toAttributedString();
    }

    private void command(AttributedStringBuilder sb, String buffer) {
        int i = 0;
        int n = buffer.length();
        int word = 0;
        while (i < n) {
            char c = buffer.charAt(i);
            if (Character.isWhitespace(c)) {
                sb.append(c);
                i++;
                continue;
            }
            int start = i;
            if (c == '\'' || c == '"') {
                int end = buffer.indexOf(c, i + 1);
                while (c == '"' && end > 0 && buffer.charAt(end - 1) == '\\') {
                    end = buffer.indexOf(c, end + 1);
                }
                i = end < 0 ? n : end + 1;
                sb.styled(STRING, buffer.substring(start, i));
                word++;
                continue;
            }
            while (i < n && !Character.isWhitespace(buffer.charAt(i))) {
                i++;
            }
            String w = buffer.substring(start, i);
            if (word == 0 && w.equals("fanout") && i < n) {
                sb.append(w);
                continue; // typed by habit: the command is the next word
            }
            if (word == 0) {
                boolean known = commands.contains(w) || ShellCompleter.SHELL_WORDS.contains(w);
                sb.styled(known ? COMMAND : UNKNOWN, w);
                if (w.equals("js") && i < n && !buffer.substring(i).strip().startsWith("-")) {
                    javaScript(sb, buffer.substring(i));
                    return;
                }
            } else if (w.startsWith("-")) {
                sb.styled(OPTION, w);
            } else {
                sb.append(w);
            }
            word++;
        }
    }

    private static void javaScript(AttributedStringBuilder sb, String code) {
        int i = 0;
        int n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            int start = i;
            if (c == '\'' || c == '"' || c == '`') {
                i++;
                while (i < n && code.charAt(i) != c && (c == '`' || code.charAt(i) != '\n')) {
                    i += code.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(n, i + 1);
                sb.styled(STRING, code.substring(start, i));
            } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '/') {
                int end = code.indexOf('\n', i);
                i = end < 0 ? n : end;
                sb.styled(AttributedStyle.DEFAULT.faint(), code.substring(start, i));
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '.')) {
                    i++;
                }
                sb.styled(NUMBER, code.substring(start, i));
            } else if (Character.isJavaIdentifierStart(c)) {
                while (i < n && Character.isJavaIdentifierPart(code.charAt(i))) {
                    i++;
                }
                String w = code.substring(start, i);
                if (JS_KEYWORDS.contains(w)) {
                    sb.styled(KEYWORD, w);
                } else {
                    sb.append(w);
                }
            } else {
                sb.append(c);
                i++;
            }
        }
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) {
        // errors are shown in red by command name; TailTipWidgets' patterns add nothing here
    }

    @Override
    public void setErrorIndex(int errorIndex) {
        // as above
    }
}
