package dev.fanout.task;

import java.util.List;

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
        return isShell() ? shellLine : String.join(" ", argv);
    }
}
