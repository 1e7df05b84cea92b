package dev.fanout.task;

import java.util.List;
import java.util.StringJoiner;

/**
 * A task's command: a line for {@code sh -c}, or an argv list that runs with no shell.
 * Exactly one of the two is set.
 */
public record TaskCommand(String shellLine, List<String> argv) {

    public TaskCommand {
        if ((shellLine == null) == (argv == null)) {
            throw new IllegalArgumentException("a command is either a shell line or an argv list");
        }
        argv = argv == null ? null : List.copyOf(argv);
    }

    public static TaskCommand shell(String line) {
        return new TaskCommand(line, null);
    }

    public static TaskCommand argv(List<String> argv) {
        return new TaskCommand(null, argv);
    }

    public boolean isShell() {
        return shellLine != null;
    }

    /** The command as a person would type it, for logs and the joblog. */
    public String display() {
        if (isShell()) {
            return shellLine;
        }
        StringJoiner line = new StringJoiner(" ");
        argv.forEach(a -> line.add(shellQuoted(a)));
        return line.toString();
    }

    /**
     * An argument as a POSIX shell reads it back: as it is when it holds nothing the shell
     * treats specially, else in single quotes (a quote inside as {@code '\''}).
     */
    static String shellQuoted(String arg) {
        if (!arg.isEmpty() && arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "_-./:=@%+,".indexOf(c) >= 0)) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
