package dev.fanout.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code unset NAME}: drop a config override or a variable. */
@Command(name = "unset", description = "Drop a config override or a variable of the session.")
public final class UnsetCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(
            paramLabel = "NAME",
            completionCandidates = Candidates.ConfigKeyNames.class,
            description = "the key or variable")
    String name;

    public UnsetCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (!ctx.session().unset(name)) {
            throw dev.fanout.FanoutException.badInput(
                    "'" + name + "' is neither an override nor a variable of this session");
        }
        ctx.out().println("unset " + name);
        return 0;
    }
}
