package dev.fanout.cli;

import dev.fanout.Json;
import dev.fanout.merge.Merged;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fanout merge}: combine a run's results with a strategy (the original merger's flags). */
@Command(
        name = "merge",
        description = {
            "Merge the results of a run's tasks (default: the latest run, all tasks).",
            "Exit code: 0 merged, 1 the strategy failed (the individual results are kept), 2 bad input."
        })
public final class MergeCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(
            names = "--run",
            paramLabel = "RUN_ID",
            completionCandidates = Candidates.RunIds.class,
            description = "the run (default: the latest)")
    String run;

    @Option(names = "--task-ids", paramLabel = "ID", arity = "1..*", split = ",", description = "only these tasks")
    List<String> taskIds;

    @Option(
            names = "--strategy",
            paramLabel = "NAME",
            defaultValue = "auto",
            completionCandidates = Candidates.StrategyNames.class,
            description = "a strategy from 'fanout strategies', or auto (by task type; the default)")
    String strategy;

    @Option(names = "--output", paramLabel = "FILE", description = "also write the merged answer to FILE")
    Path output;

    @Option(names = "--json", description = "print the merged answer as JSON")
    boolean json;

    public MergeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        Merged merged = ctx.session().merge(run, taskIds == null ? List.of() : taskIds, strategy);
        if (output != null) {
            OutputFile.write(
                    "--output",
                    output,
                    "the merged answer",
                    out -> Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out, merged.toJson()));
        }
        if (json) {
            ctx.out().println(Json.pretty(merged.toJson()));
        } else {
            MergedView.print(merged, ctx.style(), ctx.out(), "");
            if (output != null) {
                ctx.out().println("written to " + output);
            }
        }
        return merged.exitCode();
    }
}
