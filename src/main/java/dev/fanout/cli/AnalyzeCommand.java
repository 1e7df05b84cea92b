package dev.fanout.cli;

import dev.fanout.FanoutException;
import dev.fanout.config.Config;
import dev.fanout.graph.Analysis;
import dev.fanout.graph.AnalysisJson;
import dev.fanout.graph.Decision;
import dev.fanout.graph.TaskGraph;
import dev.fanout.task.TaskSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fanout analyze [FILE]}: waves, critical path, estimated speedup and the decision. */
@Command(name = "analyze", description = "Show the waves, critical path and estimated speedup of a tasks file.")
public final class AnalyzeCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(
            arity = "0..1",
            paramLabel = "FILE",
            description = "tasks file (.json, .yaml); default: the session's tasks")
    Path file;

    @Option(names = "--output", paramLabel = "FILE", description = "also write the analysis as JSON to FILE")
    Path output;

    @Option(names = "--json", description = "print JSON instead of the table")
    boolean json;

    @Option(
            names = {"-j", "--jobs"},
            paramLabel = "N",
            description = "slots to plan for (default: max_parallel_tasks)")
    Integer jobs;

    @Option(
            names = "--with-cache",
            description = "also estimate the makespan with the tasks the result cache would give taking no time")
    boolean withCache;

    @Mixin
    ConfigOptions config;

    public AnalyzeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        Planned p = Planned.of(ctx, file, config, jobs);
        p.tasks().checkRunnable(java.util.Set.of());
        if (output != null) {
            writeOutput(p);
        }
        if (json) {
            AnalysisJson.write(p.analysis(), p.decision(), ctx.out());
            ctx.out().println();
        } else {
            AnalysisView.print(p.analysis(), p.decision(), ctx.style(), ctx.out());
            if (withCache) {
                printWithCache(p);
            }
            if (output != null) {
                ctx.out().println("analysis written to " + output);
            }
        }
        ctx.out().flush();
        return 0;
    }

    /** The estimate again, with cache hits at zero: how long a rerun would take. */
    private void printWithCache(Planned p) {
        var plan = ctx.session()
                .plan(
                        p.tasks(),
                        new dev.fanout.session.RunRequest(jobs, true, null, null, null, config.flags(Map.of())));
        java.util.Set<String> hits = new java.util.HashSet<>(
                dev.fanout.cache.CachePreview.hits(ctx.session().cachePreview(plan)));
        double[] weights = new double[p.graph().size()];
        for (int v = 0; v < weights.length; v++) {
            weights[v] = hits.contains(p.graph().id(v)) ? 0 : p.graph().task(v).estimateOrUnit();
        }
        double makespan = dev.fanout.graph.ListSchedule.plan(
                        p.graph(), weights, p.config().maxParallelTasks(), false)
                .makespan();
        ctx.out()
                .println("with the cache: " + hits.size() + " of "
                        + Plural.of(p.graph().size(), "task")
                        + " would be restored; estimated makespan " + TimeFormat.seconds(makespan) + " (without: "
                        + TimeFormat.seconds(p.analysis().makespanSeconds()) + ")");
    }

    private void writeOutput(Planned p) {
        OutputFile.write(
                "--output", output, "the analysis", out -> AnalysisJson.write(p.analysis(), p.decision(), out));
    }

    /** A task set with its configuration, graph, analysis and decision: what analyze, detect and graph share. */
    record Planned(TaskSet tasks, Config config, TaskGraph graph, Analysis analysis, Decision decision) {
        static Planned of(CliContext ctx, Path file, ConfigOptions options, Integer jobs) {
            TaskSet tasks = ctx.session().tasksOrFile(file);
            Map<String, String> extra = new LinkedHashMap<>();
            if (jobs != null) {
                if (jobs < 1) {
                    throw FanoutException.badInput("--jobs must be at least 1, not " + jobs);
                }
                extra.put("max_parallel_tasks", jobs.toString());
            }
            Config config = ctx.session().configFor(tasks, options == null ? extra : options.flags(extra));
            TaskGraph graph = TaskGraph.of(tasks);
            Analysis analysis = Analysis.of(graph, config.maxParallelTasks());
            Decision decision = Decision.of(analysis, config);
            ctx.session().analysed(analysis, decision);
            return new Planned(tasks, config, graph, analysis, decision);
        }
    }
}
