package dev.fanout.cli;

import dev.fanout.FanoutException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The top command: global options. With no subcommand it opens the shell on a terminal, or
 * runs shell lines from {@code -f FILE} or from standard input.
 */
@Command(
        name = "fanout",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        scope = ScopeType.INHERIT,
        description = {
            "Runs many tasks at once and combines what they return.",
            "",
            "  fanout                 the interactive shell (on a terminal)",
            "  fanout COMMAND …       one command, e.g. fanout run tasks.json",
            "  fanout -f FILE         shell lines from a file (or: fanout < FILE)"
        })
public final class FanoutCommand implements Callable<Integer> {
    private final CliContext ctx;

    public FanoutCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Option(
            names = "--home",
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description = "fanout's home folder (default: $FANOUT_HOME or ~/.fanout)")
    void home(Path dir) {
        ctx.homeOverride(dir);
    }

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "show stack traces of errors")
    void verbose(boolean v) {
        ctx.verbose(v);
    }

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            scope = ScopeType.LOCAL,
            description = "run the shell lines of FILE ('#' starts a comment)")
    Path batchFile;

    @Option(
            names = "--keep-going",
            scope = ScopeType.LOCAL,
            description = "in a batch, go on after a failing line (exit 1 at the end)")
    boolean keepGoing;

    @Option(
            names = "--session",
            paramLabel = "NAME",
            completionCandidates = Candidates.SessionNames.class,
            scope = ScopeType.INHERIT,
            description = "work in a saved session (the shell starts on it)")
    void session(String name) {
        ctx.restoreOnFirstUse(name);
    }

    @Override
    public Integer call() throws IOException {
        ctx.session(); // a --session NAME is restored now, so a bad one is reported before anything else
        if (batchFile != null) {
            if (!Files.isRegularFile(batchFile)) {
                throw FanoutException.badInput(
                        "batch file " + batchFile + (Files.isDirectory(batchFile) ? " is a folder" : " does not exist")
                                + "; give a file of shell lines");
            }
            try (BufferedReader in = Files.newBufferedReader(batchFile, StandardCharsets.UTF_8)) {
                return new Batch(ctx, batchFile.toString(), keepGoing).run(in);
            } catch (java.io.UncheckedIOException e) {
                throw FanoutException.badInput(
                        batchFile + ": cannot read: " + e.getCause().getMessage() + " (is it a text file?)");
            }
        }
        if (ctx.terminal()) {
            try (Terminal terminal = TerminalBuilder.builder()
                    .system(true)
                    .nativeSignals(true)
                    .signalHandler(Terminal.SignalHandler.SIG_IGN)
                    .build()) {
                return new Shell(ctx, terminal).run();
            }
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8));
        return new Batch(ctx, "<stdin>", keepGoing).run(in);
    }
}
