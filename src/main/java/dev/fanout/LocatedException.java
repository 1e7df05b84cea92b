package dev.fanout;

/**
 * This input, at this place, is wrong: a tasks file, a script, a skill or agent file. The message
 * is the one line the user sees, {@code where: problem}; the parts stay apart for callers that
 * place it differently (a batch file's own line, a task's script).
 */
public final class LocatedException extends FanoutException {
    /** What kind of input it is. */
    public enum Kind {
        TASKS_FILE,
        SCRIPT,
        RESOURCE_FILE
    }

    private final Kind kind;
    private final Location where;
    private final String problem;

    public LocatedException(Kind kind, int exitCode, Location where, String problem, Throwable cause) {
        super(exitCode, where + ": " + problem, cause);
        this.kind = kind;
        this.where = where;
        this.problem = problem;
    }

    /** A tasks file that cannot be used (bad input). */
    public static LocatedException tasksFile(String file, int line, int column, String problem) {
        return new LocatedException(Kind.TASKS_FILE, BAD_INPUT, Location.of(file, line, column), problem, null);
    }

    /** A skill or agent file that cannot be used as it is (bad input); line 0 for the file as a whole. */
    public static LocatedException resourceFile(Object path, int line, String problem) {
        return new LocatedException(Kind.RESOURCE_FILE, BAD_INPUT, Location.of(path, line, 0), problem, null);
    }

    /** A script that failed: a syntax error or an uncaught JavaScript error, as JavaScript said it. */
    public static LocatedException script(
            int exitCode, String file, int line, int column, String jsMessage, Throwable cause) {
        return new LocatedException(Kind.SCRIPT, exitCode, Location.of(file, line, column), jsMessage, cause);
    }

    public Kind kind() {
        return kind;
    }

    public Location where() {
        return where;
    }

    /** What is wrong, without the place. */
    public String problem() {
        return problem;
    }

    public String file() {
        return where.file();
    }

    /** 1-based, or 0 when unknown. */
    public int line() {
        return where.line();
    }

    /** 1-based, or 0 when unknown. */
    public int column() {
        return where.column();
    }
}
