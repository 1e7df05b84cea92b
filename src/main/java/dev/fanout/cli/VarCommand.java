package dev.fanout.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code var NAME VALUE}: a session variable, which scripts read as fanout.vars.NAME. */
@Command(
        name = "var",
        description = {
            "Set a session variable (scripts read it as fanout.vars.NAME).",
            "Without arguments, list the variables."
        })
public final class VarCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the variable")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "its value")
    String value;

    public VarCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (name == null) {
            ctx.session().variables().forEach((k, v) -> ctx.out().println(k + " = " + v));
            return 0;
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw dev.fanout.FanoutException.badInput("'" + name + "' is not a variable name: letters, digits and '_'");
        }
        if (value == null) {
            String v = ctx.session().variables().get(name);
            if (v == null) {
                throw dev.fanout.FanoutException.badInput("no variable '" + name + "'; 'var' lists them");
            }
            ctx.out().println(v);
            return 0;
        }
        ctx.session().variable(name, value);
        return 0;
    }
}
