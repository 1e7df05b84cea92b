package dev.fanout;

/**
 * An error the user can cause or act on. It carries the exit code fanout ends with in one-shot
 * mode and a message written for the user; the command line prints it as one {@code error: …}
 * line, with the stack trace only under {@code --verbose}.
 */
public class FanoutException extends RuntimeException {
    /** Bad input: a file, flag or name the user gave is wrong. */
    public static final int BAD_INPUT = 2;
    /** A task or a run did not succeed. */
    public static final int FAILED = 1;
    /** The run was interrupted (Ctrl-C). */
    public static final int INTERRUPTED = 130;
    /** A bug in fanout: nothing the user did explains it. */
    public static final int SOFTWARE = 70;

    private final int exitCode;
    private final String problem;
    private final Hint hint;

    public FanoutException(int exitCode, String message) {
        this(exitCode, message, (Hint) null);
    }

    public FanoutException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.problem = message;
        this.hint = null;
    }

    /**
     * @param problem what is wrong, in words
     * @param hint    the command that helps, after the problem; null for none
     */
    public FanoutException(int exitCode, String problem, Hint hint) {
        super(hint == null ? problem : problem + hint);
        this.exitCode = exitCode;
        this.problem = problem;
        this.hint = hint;
    }

    /** A bad-input error (exit code 2). */
    public static FanoutException badInput(String message) {
        return new FanoutException(BAD_INPUT, message);
    }

    /** A bad-input error (exit code 2) with a command that helps; {@code hint} may be null. */
    public static FanoutException badInput(String problem, Hint hint) {
        return new FanoutException(BAD_INPUT, problem, hint);
    }

    /** The message without its hint. */
    public String withoutHint() {
        return problem;
    }

    /** The command that helps, or null. */
    public Hint hint() {
        return hint;
    }

    public int exitCode() {
        return exitCode;
    }
}
