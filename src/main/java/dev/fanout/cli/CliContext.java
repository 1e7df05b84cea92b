package dev.fanout.cli;

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
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private Path homeOverride;
    private boolean verbose;
    private Session session;

    public CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, boolean terminal) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public Map<String, String> env() {
        return env;
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
        }
        return session;
    }

    /** Puts a session in place, as the shell does on {@code restore}. */
    public void session(Session s) {
        this.session = s;
    }
}
