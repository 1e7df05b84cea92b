package dev.fanout.cli;

import dev.fanout.Json;
import dev.fanout.Numbers;
import dev.fanout.graph.Decision;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fanout detect FILE}: the decision alone, as an exit code (0 parallel, 1 sequential, 2 error). */
@Command(
        name = "detect",
        description = {
            "Say whether the tasks should run in parallel.",
            "Exit code: 0 parallel recommended, 1 sequential, 2 error."
        })
public final class DetectCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "tasks file; default: the session's tasks")
    Path file;

    @Option(names = "--json", description = "print the decision as JSON")
    boolean json;

    @Mixin
    ConfigOptions config;

    public DetectCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        AnalyzeCommand.Planned p = AnalyzeCommand.Planned.of(ctx, file, config, null);
        p.tasks().checkRunnable(java.util.Set.of());
        Decision d = p.decision();
        if (json) {
            var node = Json.mapper().createObjectNode();
            node.put("parallel", d.parallel());
            node.put("recommendation", d.level().label());
            node.put("rule", d.rule());
            node.put("reason", d.reason());
            node.put("estimated_speedup", Numbers.rounded(p.analysis().speedup()));
            node.put("total_tasks", p.analysis().totalTasks());
            ctx.out().println(Json.pretty(node));
        } else {
            String mode =
                    d.parallel() ? ctx.style().green(d.summary()) : ctx.style().cyan(d.summary());
            ctx.out().println(mode + ": " + d.reason());
        }
        ctx.out().flush();
        return d.parallel() ? 0 : 1;
    }
}
