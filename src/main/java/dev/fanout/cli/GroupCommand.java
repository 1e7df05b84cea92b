package dev.fanout.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code agent}, {@code config}…): given alone, it prints its usage. */
abstract class GroupCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    GroupCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public final Integer call() {
        spec.commandLine().usage(ctx.out());
        return 0;
    }
}
