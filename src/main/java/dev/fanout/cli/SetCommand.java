package dev.fanout.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code set NAME VALUE}: a config override for the rest of the session. */
@Command(
        name = "set",
        description = {
            "Override a config key for this session: set max_parallel_tasks 4.",
            "In the shell also: set hints on|off, set autosuggest on|off.",
            "Without arguments, list the overrides."
        })
public final class SetCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "NAME",
            completionCandidates = Candidates.ConfigKeyNames.class,
            description = "a config key ('config show' lists them)")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "its value; lists are comma-separated")
    String value;

    public SetCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (name == null) {
            if (ctx.session().overrides().isEmpty()) {
                ctx.out().println("no overrides; 'set NAME VALUE' makes one");
            }
            ctx.session().overrides().forEach((k, v) -> ctx.out().println(k + " = " + v));
            if (ctx.shellSettings() != null) {
                ShellSettings.KEYS.forEach(k -> ctx.out()
                        .println(
                                ctx.style().dim(k + " = " + (ctx.shellSettings().get(k) ? "on" : "off") + " (shell)")));
            }
            return 0;
        }
        ShellSettings shell = ctx.shellSettings();
        if (shell != null && ShellSettings.KEYS.contains(name) && value != null) {
            shell.set(name, value);
            ctx.out().println(name + " = " + (shell.get(name) ? "on" : "off") + " for this shell");
            return 0;
        }
        if (value == null) {
            throw dev.fanout.FanoutException.badInput("set " + name + " needs a value: set " + name + " VALUE");
        }
        ctx.session().set(name, value);
        ctx.out().println(name + " = " + value + " for this session");
        return 0;
    }
}
