package dev.fanout.cli;

import dev.fanout.FanoutException;
import dev.fanout.Hint;
import dev.fanout.config.Home;
import dev.fanout.session.Session;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every command needs from where it runs: the output streams, the environment, whether
 * output is a terminal, the global options, and the session (made when first needed, so that
 * {@code --home} is known by then).
 */
public final class CliContext {
    private final Map<String, String> env;
    private final java.io.InputStream in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private Path homeOverride;
    private boolean verbose;
    private Session session;
    private String sessionToRestore;
    private Interrupts interrupts = Interrupts.signals();
    private String location = "";
    private boolean errorReported;
    private boolean inShell;
    private java.util.function.IntSupplier width;
    private int ttyWidth;
    private ShellSettings shellSettings;
    private ScriptSource scriptSource;

    /** A context with nothing on standard input (tests, embedding). */
    public CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, boolean terminal) {
        this(env, java.io.InputStream.nullInputStream(), out, err, terminal);
    }

    /** @param in standard input: where shell lines come from when no terminal and no -f FILE is given */
    public CliContext(
            Map<String, String> env, java.io.InputStream in, PrintWriter out, PrintWriter err, boolean terminal) {
        this.env = Map.copyOf(env);
        this.in = in;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public Map<String, String> env() {
        return env;
    }

    public java.io.InputStream in() {
        return in;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** Whether standard output is a terminal (live progress, colours). */
    public boolean terminal() {
        return terminal;
    }

    public Style style() {
        return Style.forOutput(terminal, env);
    }

    public boolean verbose() {
        return verbose;
    }

    void verbose(boolean verbose) {
        this.verbose = verbose;
    }

    void homeOverride(Path home) {
        if (session != null && home != null && !session.home().root().equals(new Home(home).root())) {
            // a shell line naming another home gets a session of its own for that line's work
            session = null;
        }
        this.homeOverride = home;
    }

    public Session session() {
        if (session == null) {
            session = new Session(Home.resolve(homeOverride, env));
            if (sessionToRestore != null) {
                String name = sessionToRestore;
                sessionToRestore = null;
                RestoreCommand.restore(this, name, false);
            }
        }
        return session;
    }

    /** {@code --session NAME}: the session is restored when first needed, once {@code --home} is known. */
    void restoreOnFirstUse(String name) {
        this.sessionToRestore = name;
        this.session = null;
    }

    /** What error lines start with: "" for one-shot commands, "FILE:LINE: " in a batch file. */
    public String location() {
        return location;
    }

    void location(String location) {
        this.location = location;
    }

    /** Whether commands run at the shell's prompt (hints then name shell commands). */
    /**
     * Where the code of a {@code js} entry of a batch file stands in that file, so JavaScript's
     * errors name the file's line and column.
     *
     * @param firstLine 1-based line of the entry's first line
     * @param column 0-based column where the code starts on that line
     */
    record ScriptSource(String file, int firstLine, int column) {
        /** The code padded so that its lines and columns are the file's. */
        String placed(String code) {
            return "\n".repeat(firstLine - 1) + " ".repeat(column) + code;
        }
    }

    /** The place of the {@code js} entry being run from a batch file; null otherwise. */
    ScriptSource scriptSource() {
        return scriptSource;
    }

    void scriptSource(ScriptSource source) {
        this.scriptSource = source;
    }

    /** The shell's own switches; null outside the shell. */
    ShellSettings shellSettings() {
        return shellSettings;
    }

    void shellSettings(ShellSettings settings) {
        this.shellSettings = settings;
    }

    boolean inShell() {
        return inShell;
    }

    /** How a command is invoked where this context runs: {@code "fanout "}, or "" at the shell's prompt. */
    String invocation() {
        return inShell ? "" : Hint.ONE_SHOT;
    }

    /** An error's message, its hint worded for where it is shown (the one place hints are worded). */
    String say(FanoutException e) {
        return e.hint() == null ? e.getMessage() : e.withoutHint() + say(e.hint());
    }

    /** A hint worded for where it is shown. */
    String say(Hint hint) {
        return hint.render(invocation());
    }

    void inShell(boolean value) {
        this.inShell = value;
    }

    /** Whether an error line was printed since {@link #clearErrorReported()}. */
    boolean errorReported() {
        return errorReported;
    }

    void errorReported(boolean reported) {
        this.errorReported = reported;
    }

    void clearErrorReported() {
        this.errorReported = false;
    }

    /** A context for the same session and options writing elsewhere (the shell's terminal). */
    CliContext writingTo(PrintWriter newOut, PrintWriter newErr, boolean isTerminal) {
        CliContext c = new CliContext(env, in, newOut, newErr, isTerminal);
        c.homeOverride = homeOverride;
        c.verbose = verbose;
        c.session = session;
        c.sessionToRestore = sessionToRestore;
        return c;
    }

    /** Where Ctrl-C goes while a command runs. */
    public Interrupts interrupts() {
        return interrupts;
    }

    /** The shell routes Ctrl-C through its terminal. */
    public void interrupts(Interrupts interrupts) {
        this.interrupts = interrupts;
    }

    /** The terminal's width in columns (80 when it cannot be told). */
    public int width() {
        if (width != null) {
            try {
                return width.getAsInt();
            } catch (java.io.IOError e) {
                return 80; // the terminal went away (a closed window): nothing reads the output now
            }
        }
        if (ttyWidth == 0) {
            ttyWidth = ttyWidth(); // asked once: a one-shot command's terminal rarely changes size
        }
        return ttyWidth;
    }

    public void width(java.util.function.IntSupplier width) {
        this.width = width;
    }

    private static int ttyWidth() {
        try {
            Process p = new ProcessBuilder("stty", "size")
                    .redirectInput(new java.io.File("/dev/tty"))
                    .start();
            String[] parts =
                    new String(p.getInputStream().readAllBytes()).trim().split("\\s+");
            p.waitFor();
            return parts.length == 2 ? Integer.parseInt(parts[1]) : 80;
        } catch (Exception e) {
            return 80;
        }
    }

    /** Puts a session in place, as the shell does on {@code restore}. */
    public void session(Session s) {
        this.session = s;
    }
}
