package dev.fanout.exec;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A command line so plain that a shell would only split it into words: then it runs as those
 * words, without a shell, as make does (a shell costs a second program start per task). Plain
 * means letters, digits and {@code _ . / , : + @ % = -} between blanks, a first word that is not
 * a shell builtin or keyword and assigns nothing, and no PATH of the task's own (the program is
 * found on fanout's PATH, where a shell would look in the task's).
 */
final class PlainCommandLine {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./,:+@%= -]+");
    private static final Set<String> SHELL_WORDS = Set.of(
            ".",
            ":",
            "alias",
            "bg",
            "break",
            "case",
            "cd",
            "command",
            "continue",
            "do",
            "done",
            "echo",
            "elif",
            "else",
            "esac",
            "eval",
            "exec",
            "exit",
            "export",
            "false",
            "fc",
            "fg",
            "fi",
            "for",
            "getopts",
            "hash",
            "if",
            "jobs",
            "kill",
            "local",
            "printf",
            "pwd",
            "read",
            "readonly",
            "return",
            "set",
            "shift",
            "source",
            "test",
            "then",
            "times",
            "trap",
            "true",
            "type",
            "ulimit",
            "umask",
            "unalias",
            "unset",
            "until",
            "wait",
            "while");

    private PlainCommandLine() {}

    /**
     * The words to run without a shell, or empty when the line needs one.
     *
     * @param taskEnv the task's own environment variables
     */
    static Optional<List<String>> words(String line, java.util.Map<String, String> taskEnv) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || !PLAIN.matcher(trimmed).matches() || taskEnv.containsKey("PATH")) {
            return Optional.empty();
        }
        List<String> words = List.of(trimmed.split(" +"));
        String program = words.get(0);
        if (SHELL_WORDS.contains(program) && !isExternal(program) || program.contains("=")) {
            return Optional.empty();
        }
        return Optional.of(words);
    }

    /**
     * Builtins that also exist as programs behave the same for plain words ({@code true},
     * {@code printf} and {@code test} on plain words): those may run
     * directly. The rest ({@code cd}, {@code exit}, {@code export}…) only mean something in a shell.
     */
    private static boolean isExternal(String program) {
        return Set.of("true", "false", "test", "printf").contains(program);
    }
}
