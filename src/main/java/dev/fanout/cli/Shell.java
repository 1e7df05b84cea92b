package dev.fanout.cli;

import dev.fanout.FanoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

/**
 * The interactive shell: a JLine prompt over the same commands as one-shot use, with
 * completion, hints and highlighting as you type, multi-line JavaScript, persistent history,
 * Ctrl-C that stops a run (or abandons the entry), and Ctrl-D or {@code exit} that leaves,
 * saving the session when {@code autosave} is on. {@code js} alone switches to JavaScript mode
 * until {@code .exit} or Ctrl-D.
 */
final class Shell {
    static final String PROMPT = "fanout> ";
    static final String JS_PROMPT = "js> ";

    private final CliContext ctx;
    private final Terminal terminal;
    private final AtomicReference<Runnable> onInterrupt = new AtomicReference<>();
    private volatile boolean javaScriptMode;

    /** @param outer the context of the command line that started the shell; the shell writes to the terminal */
    Shell(CliContext outer, Terminal terminal) {
        this.terminal = terminal;
        // Ctrl-C comes through the terminal; SIGTERM and SIGHUP (the window closed) during a run
        // stop it as cleanly, so its tasks do not outlive the shell
        this.ctx = outer.atPrompt(
                outer.io().onTerminal(terminal.writer(), !"dumb".equals(terminal.getType()), terminal::getWidth),
                action -> {
                    onInterrupt.set(action);
                    Interrupts.Registration signals = Interrupts.signals().onInterrupt(action);
                    return () -> {
                        signals.close();
                        onInterrupt.set(null);
                    };
                });
        terminal.handle(Terminal.Signal.INT, signal -> {
            Runnable action = onInterrupt.get();
            if (action != null) {
                action.run();
            }
        });
    }

    /** Reads and runs entries until Ctrl-D or exit; returns the exit code of the last one. */
    int run() {
        try {
            Files.createDirectories(ctx.session().home().root());
        } catch (IOException e) {
            throw FanoutException.badInput(
                    "cannot create fanout's home " + ctx.session().home().root() + ": " + e.getMessage());
        }
        ShellReader shellReader = new ShellReader(ctx, terminal, () -> javaScriptMode);
        LineReader reader = shellReader.reader();
        var version = new Version().getVersion()[0];
        ctx.out()
                .println(ctx.style().bold(version)
                        + ctx.style()
                                .dim(" — 'help' lists the commands, Tab completes,"
                                        + " Ctrl-C stops a run, Ctrl-D leaves"));
        shellReader
                .historyProblem()
                .ifPresent(problem -> ctx.out().println(ctx.style().dim(problem)));
        if (!ctx.session().tasks().isEmpty()) {
            ctx.out()
                    .println("session '" + ctx.session().name() + "': "
                            + Plural.of(ctx.session().tasks().size(), "task"));
        }
        ctx.out().flush();
        int last;
        try {
            last = loop(reader);
        } finally {
            shellReader.close();
        }
        autosave();
        return last;
    }

    /** Reads and runs entries until Ctrl-D, exit or a terminal that went away. */
    private int loop(LineReader reader) {
        LineRunner runner = new LineRunner(ctx);
        Attributes outside = echoOnlyAtThePrompt();
        int last = 0;
        while (true) {
            String line;
            try {
                line = reader.readLine(
                        javaScriptMode
                                ? ctx.style().cyan(JS_PROMPT)
                                : ctx.style().cyan(PROMPT));
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt abandons the entry, all its lines
            } catch (EndOfFileException e) {
                if (javaScriptMode) {
                    leaveJavaScript();
                    continue;
                }
                break;
            } catch (java.io.IOError e) {
                break; // the terminal is gone (its window closed): leave as on Ctrl-D, saving the session
            }
            LineRunner.Result r;
            if (javaScriptMode) {
                if (line.strip().equals(".exit")) {
                    leaveJavaScript();
                    continue;
                }
                r = runner.runJavaScript(line);
            } else {
                r = runner.run(line);
            }
            if (r.outcome() == LineRunner.Outcome.EXIT) {
                break;
            }
            if (r.outcome() == LineRunner.Outcome.JAVASCRIPT) {
                javaScriptMode = true;
                ctx.out()
                        .println(ctx.style()
                                .dim("JavaScript mode: entries are JavaScript, 'fanout' is at hand;"
                                        + " .exit or Ctrl-D returns"));
                ctx.out().flush();
            }
            if (r.outcome() == LineRunner.Outcome.DONE) {
                last = r.exitCode();
            }
        }
        try {
            terminal.setAttributes(outside);
        } catch (java.io.IOError gone) {
            // the terminal went away: nothing left to restore
        }
        return last;
    }

    private void leaveJavaScript() {
        javaScriptMode = false;
        ctx.out().println(ctx.style().dim("back to fanout's commands"));
        ctx.out().flush();
    }

    /**
     * Turns the terminal's echo off between prompts, so that a key typed while a command runs, or
     * just after Ctrl-C, is not echoed onto the old line: the next prompt reads and shows it. The
     * line reader echoes for itself while it reads. Returns the attributes to restore on leaving.
     */
    private Attributes echoOnlyAtThePrompt() {
        Attributes outside = terminal.getAttributes();
        Attributes quiet = new Attributes(outside);
        quiet.setLocalFlag(Attributes.LocalFlag.ECHO, false);
        terminal.setAttributes(quiet);
        return outside;
    }

    private void autosave() {
        try {
            if (ctx.session().config().autosave()
                    && (ctx.session().unsaved() || !ctx.session().tasks().isEmpty())) {
                SaveCommand.save(ctx, ctx.session().name());
                ctx.out()
                        .println(ctx.style()
                                .dim("saved session '" + ctx.session().name() + "' (autosave)"));
            }
        } catch (FanoutException e) {
            ctx.err().println(ctx.style().red("error: ") + "autosave failed: " + e.getMessage());
        }
        ctx.out().flush();
    }
}
