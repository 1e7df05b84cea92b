package dev.fanout;

import java.util.List;

/**
 * A command the user can run next, kept as data so that the one who shows it words it: {@code
 * 'fanout runs'} for a command line, {@code 'runs'} at the shell's prompt. Domain code says which
 * command and the words around it; the cli chooses the invocation ({@code CliContext.say}).
 *
 * @param before  the text before the quoted command, such as {@code "; "}
 * @param command the command's words, without the program's name
 * @param after   the text after it, such as {@code " lists them"}
 */
public record Hint(String before, List<String> command, String after) {
    /** How a command is invoked from a command line; at the shell's prompt it is "". */
    public static final String ONE_SHOT = "fanout ";

    public Hint {
        command = List.copyOf(command);
    }

    /** The command {@code words}, with no text around it yet. */
    public static Hint command(String... words) {
        return new Hint("", List.of(words), "");
    }

    /** This hint with {@code text} before the command. */
    public Hint before(String text) {
        return new Hint(text, command, after);
    }

    /** This hint with {@code text} after the command. */
    public Hint after(String text) {
        return new Hint(before, command, text);
    }

    /** The hint in words, the command quoted and invoked as {@code invocation} ("fanout " or ""). */
    public String render(String invocation) {
        return before + "'" + invocation + String.join(" ", command) + "'" + after;
    }

    /** The command-line wording: what records, logs and anything outside the cli keep. */
    @Override
    public String toString() {
        return render(ONE_SHOT);
    }
}
