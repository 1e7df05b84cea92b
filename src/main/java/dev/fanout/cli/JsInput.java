package dev.fanout.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Tells whether JavaScript typed so far is a whole entry or wants more lines, as jshell and the
 * Node REPL do: an open bracket, brace, parenthesis, template string or block comment, or a
 * trailing operator, asks for more. A scanner that knows strings, comments, templates and
 * regular expressions, so a brace inside one of them does not count. Anything it cannot make
 * sense of (a stray closing bracket, an unterminated string) is "complete", so the engine
 * reports the error instead of the prompt waiting forever.
 */
final class JsInput {
    private static final String OPERATOR_CHARS = "+-*/%=&|^!~?:,.<>";
    /** After these words a slash starts a regular expression, not a division. */
    private static final Set<String> BEFORE_REGEX =
            Set.of("return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw");

    private JsInput() {}

    /** Whether {@code code} is a whole entry (possibly a wrong one). */
    static boolean isComplete(String code) {
        Deque<Character> open = new ArrayDeque<>(); // '(' '[' '{', '`' inside a template, '$' inside ${…}
        String last = ""; // the last token outside comments: an operator run, a word, or a bracket
        int i = 0;
        int n = code.length();
        while (i < n) {
            Character top = open.peek();
            char c = code.charAt(i);
            if (top != null && top == '`') {
                if (c == '\\') {
                    i += 2;
                } else if (c == '`') {
                    open.pop();
                    last = "`";
                    i++;
                } else if (c == '$' && i + 1 < n && code.charAt(i + 1) == '{') {
                    open.push('$');
                    i += 2;
                } else {
                    i++;
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '/') {
                int end = code.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && code.charAt(i + 1) == '*') {
                int end = code.indexOf("*/", i + 2);
                if (end < 0) {
                    return false;
                }
                i = end + 2;
            } else if (c == '/' && regexMayStart(last)) {
                i = skipRegex(code, i);
                last = "/re/";
            } else if (c == '\'' || c == '"') {
                int end = skipString(code, i, c);
                if (end < 0) {
                    return false; // a backslash at the end of the text continues the string
                }
                i = end;
                last = "\"\"";
            } else if (c == '`') {
                open.push('`');
                i++;
            } else if (c == '(' || c == '[' || c == '{') {
                open.push(c);
                last = String.valueOf(c);
                i++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (top == null || !matches(top, c)) {
                    return true; // unbalanced: let the engine say so
                }
                open.pop();
                last = String.valueOf(c);
                i++;
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                int start = i;
                while (i < n && OPERATOR_CHARS.indexOf(code.charAt(i)) >= 0) {
                    i++;
                }
                last = code.substring(start, i);
            } else {
                int start = i;
                while (i < n && (Character.isJavaIdentifierPart(code.charAt(i)))) {
                    i++;
                }
                if (i == start) {
                    i++; // ';' and anything else
                }
                last = code.substring(start, i);
            }
        }
        return open.isEmpty() && !trailingOperator(last);
    }

    private static boolean matches(char open, char close) {
        return (open == '(' && close == ')')
                || (open == '[' && close == ']')
                || ((open == '{' || open == '$') && close == '}');
    }

    /** An operator that needs a right-hand side; {@code x++} and {@code x--} are whole. */
    private static boolean trailingOperator(String last) {
        if (last.isEmpty() || OPERATOR_CHARS.indexOf(last.charAt(0)) < 0) {
            return false;
        }
        return !(last.endsWith("++") || last.endsWith("--"));
    }

    private static boolean regexMayStart(String last) {
        if (last.isEmpty()) {
            return true;
        }
        char c = last.charAt(last.length() - 1);
        if ("(,=:[!&|?{};+-*%<>~^".indexOf(c) >= 0) {
            return !(last.endsWith("++") || last.endsWith("--"));
        }
        return BEFORE_REGEX.contains(last);
    }

    /** The index after a regular expression literal and its flags (or the line's end when it has none). */
    private static int skipRegex(String code, int start) {
        boolean inClass = false;
        int i = start + 1;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '\n') {
                return i;
            } else if (c == '\\') {
                i++;
            } else if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                i++;
                while (i < code.length() && Character.isLetter(code.charAt(i))) {
                    i++;
                }
                return i;
            }
            i++;
        }
        return i;
    }

    /** The index after a quoted string; the line's end when it is not closed there; -1 when a backslash continues it. */
    private static int skipString(String code, int start, char quote) {
        int i = start + 1;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '\\') {
                if (i + 1 >= code.length()) {
                    return -1;
                }
                i += 2;
                continue;
            }
            if (c == quote) {
                return i + 1;
            }
            if (c == '\n') {
                return i;
            }
            i++;
        }
        return i;
    }
}
