package dev.fanout.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.fanout.Json;
import dev.fanout.merge.RegisteredStrategy;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fanout strategies}: the merge strategies, built-in and registered by scripts, with where each came from. */
@Command(name = "strategies", description = "List the merge strategies: name, where it comes from, what it does.")
public final class StrategiesCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--json", description = "print the strategies as JSON")
    boolean json;

    public StrategiesCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        List<RegisteredStrategy> all = ctx.session().strategies().all();
        if (json) {
            ArrayNode array = Json.mapper().createArrayNode();
            all.forEach(s -> array.addObject()
                    .put("name", s.name())
                    .put("origin", s.origin())
                    .put("description", s.description()));
            ctx.out().println(Json.pretty(array));
        } else {
            int nameWidth = Math.max(
                    4, all.stream().mapToInt(s -> s.name().length()).max().orElse(0));
            int originWidth = Math.max(
                    6, all.stream().mapToInt(s -> s.origin().length()).max().orElse(0));
            String row = "%-" + nameWidth + "s  %-" + originWidth + "s  %s";
            ctx.out().println(ctx.style().bold(String.format(row, "name", "origin", "description")));
            for (RegisteredStrategy s : all) {
                ctx.out().println(String.format(row, s.name(), s.origin(), s.description()));
            }
            ctx.out()
                    .println(ctx.style()
                            .dim("'auto' (the default) chooses best for repeat copies, changes for worktree tasks,"
                                    + " else from the tasks' types;"
                                    + " unknown types use 'generic'"));
        }
        ctx.out().flush();
        return 0;
    }
}
