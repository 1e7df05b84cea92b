package dev.fanout.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top command: global options; with no subcommand it prints help (the shell comes later).
 * Its scope is INHERIT so that every subcommand has {@code --help} (and {@code --version}) too.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true, versionProvider = Version.class, scope = ScopeType.INHERIT,
        description = "Runs many tasks at once and combines what they return.")
public final class FanoutCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    public FanoutCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Option(names = "--home", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "fanout's home folder (default: $FANOUT_HOME or ~/.fanout)")
    void home(Path dir) {
        ctx.homeOverride(dir);
    }

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "show stack traces of errors")
    void verbose(boolean v) {
        ctx.verbose(v);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(ctx.out());
        return 0;
    }
}
