package dev.fanout.cli;

import dev.fanout.FanoutException;
import dev.fanout.Hint;
import dev.fanout.config.Home;
import dev.fanout.session.Session;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every command needs from where it runs, in three parts: the {@link Console} (streams,
 * terminal, width, environment), fixed when the context is made; the session and the global
 * options, shared by every context made from this one (the shell's with the command line's that
 * started it); and the state of the line being run (its location, whether an error was shown).
 */
public final class CliContext {
    private final Console io;
    private final Shared shared;
    private final boolean inShell;
    private final Interrupts interrupts;

    // the line being run: set by the shell or a batch file for each line
    private String location = "";
    private ScriptSource scriptSource;
    private boolean errorReported;
    private ShellSettings shellSettings;

    /**
     * The session (made when first needed, so that {@code --home} is known by then) and the
     * global options: one of these is shared by every context made from the first.
     */
    private static final class Shared {
        Path homeOverride;
        boolean verbose;
        Session session;
        String sessionToRestore;
    }

    /** A context with nothing on standard input (tests, embedding). */
    public CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, boolean terminal) {
        this(env, InputStream.nullInputStream(), out, err, terminal);
    }

    /** @param in standard input: where shell lines come from when no terminal and no -f FILE is given */
    public CliContext(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err, boolean terminal) {
        this(Console.of(env, in, out, err, terminal));
    }

    CliContext(Console io) {
        this(io, new Shared(), false, Interrupts.signals());
    }

    private CliContext(Console io, Shared shared, boolean inShell, Interrupts interrupts) {
        this.io = io;
        this.shared = shared;
        this.inShell = inShell;
        this.interrupts = interrupts;
    }

    /**
     * A context for the shell's prompt: it writes to {@code console}, routes Ctrl-C through
     * {@code interrupts}, and shares this context's session and options.
     */
    CliContext atPrompt(Console console, Interrupts interrupts) {
        return new CliContext(console, shared, true, interrupts);
    }

    Console io() {
        return io;
    }

    public Map<String, String> env() {
        return io.env();
    }

    public InputStream in() {
        return io.in();
    }

    public PrintWriter out() {
        return io.out();
    }

    public PrintWriter err() {
        return io.err();
    }

    /** Whether standard output is a terminal (live progress, colours). */
    public boolean terminal() {
        return io.terminal();
    }

    public Style style() {
        return io.style();
    }

    /** The terminal's width in columns (80 when it cannot be told). */
    public int width() {
        return io.width();
    }

    public boolean verbose() {
        return shared.verbose;
    }

    void verbose(boolean verbose) {
        shared.verbose = verbose;
    }

    void homeOverride(Path home) {
        if (shared.session != null
                && home != null
                && !shared.session.home().root().equals(new Home(home).root())) {
            // a shell line naming another home gets a session of its own for that line's work
            shared.session = null;
        }
        shared.homeOverride = home;
    }

    public Session session() {
        if (shared.session == null) {
            shared.session = new Session(Home.resolve(shared.homeOverride, io.env()));
            if (shared.sessionToRestore != null) {
                String name = shared.sessionToRestore;
                shared.sessionToRestore = null;
                RestoreCommand.restore(this, name, false);
            }
        }
        return shared.session;
    }

    /** Puts a session in place, as the shell does on {@code restore}. */
    public void session(Session s) {
        shared.session = s;
    }

    /** {@code --session NAME}: the session is restored when first needed, once {@code --home} is known. */
    void restoreOnFirstUse(String name) {
        shared.sessionToRestore = name;
        shared.session = null;
    }

    /** Where Ctrl-C goes while a command runs. */
    public Interrupts interrupts() {
        return interrupts;
    }

    /** Whether commands run at the shell's prompt (hints then name shell commands). */
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

    /** What error lines start with: "" for one-shot commands, "FILE:LINE: " in a batch file. */
    public String location() {
        return location;
    }

    void location(String location) {
        this.location = location;
    }

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

    /** The shell's own switches; null outside the shell. */
    ShellSettings shellSettings() {
        return shellSettings;
    }

    void shellSettings(ShellSettings settings) {
        this.shellSettings = settings;
    }
}
