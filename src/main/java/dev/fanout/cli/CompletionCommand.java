package dev.fanout.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code fanout completion}: a bash/zsh completion script for one-shot use, generated from the command tree. */
@Command(
        name = "completion",
        description = {
            "Print a bash/zsh completion script for fanout's one-shot commands.",
            "  source <(fanout completion)     (scripts/install sets this up)"
        })
public final class CompletionCommand implements Callable<Integer> {
    private final CliContext ctx;

    public CompletionCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.out().print(AutoComplete.bash("fanout", CommandLineFactory.create(ctx)));
        ctx.out().flush();
        return 0;
    }
}
