package dev.fanout.cli;

import dev.fanout.FanoutException;
import dev.fanout.Json;
import dev.fanout.exec.HaltPolicy;
import dev.fanout.exec.OutputMode;
import dev.fanout.exec.Run;
import dev.fanout.exec.RunRecord;
import dev.fanout.exec.RunState;
import dev.fanout.graph.ListSchedule;
import dev.fanout.session.AfterRun;
import dev.fanout.session.RunPlan;
import dev.fanout.session.RunRequest;
import dev.fanout.task.TaskSet;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fanout run FILE}: analyse, decide, run the graph, summarise. */
@Command(
        name = "run",
        description = {
            "Run a tasks file: analyse, decide parallel or sequential, run, summarise.",
            "Exit code: 0 all tasks succeeded, 1 some did not, 2 bad input, 130 interrupted."
        })
public final class RunCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "tasks file; default: the session's tasks")
    Path file;

    @Option(
            names = {"-j", "--jobs"},
            paramLabel = "N",
            description = "tasks at once (default: max_parallel_tasks)")
    Integer jobs;

    @ArgGroup(exclusive = true)
    Mode mode;

    static final class Mode {
        @Option(
                names = "--parallel",
                defaultValue = Option.NULL_VALUE,
                description = "run in parallel whatever the decision")
        Boolean parallel;

        @Option(
                names = "--sequential",
                defaultValue = Option.NULL_VALUE,
                description = "run one task at a time, in dependency order")
        Boolean sequential;
    }

    @Option(
            names = "--halt",
            paramLabel = "WHEN",
            defaultValue = "never",
            description = "after a failure: never (keep going), soon (start nothing new), now (stop running tasks too)")
    String halt;

    @Option(names = "--fail-fast", description = "same as --halt now")
    boolean failFast;

    @Option(names = "--dry-run", description = "print the order and slots the scheduler would use; run nothing")
    boolean dryRun;

    @Option(names = "--resume", paramLabel = "RUN_ID", description = "rerun only what did not succeed in that run")
    String resume;

    @Option(
            names = "--output",
            paramLabel = "MODE",
            defaultValue = "group",
            description = "group: each task's output when it ends; stream: lines as they come, prefixed [id]")
    String output;

    @Option(
            names = {"-q", "--quiet"},
            description = "print only the summary")
    boolean quiet;

    @Option(
            names = "--cluster",
            paramLabel = "HOST:PORT[,...]",
            description = "run command tasks on these fanout workers (see 'fanout worker')")
    String cluster;

    @Option(names = "--json", description = "print the run record as JSON")
    boolean json;

    @Option(names = "--no-cache", description = "run every task; look nothing up in the result cache, store nothing")
    boolean noCache;

    @Option(
            names = "--force",
            paramLabel = "ID",
            split = ",",
            completionCandidates = Candidates.TaskIds.class,
            description = "rerun these tasks even if the cache has their result (repeat, or a,b,c)")
    java.util.List<String> force;

    @Option(
            names = "--explain",
            paramLabel = "ID",
            completionCandidates = Candidates.TaskIds.class,
            description = "say whether the task would come from the cache, and if not what changed; run nothing")
    String explain;

    @Option(names = "--report", description = "write the run's HTML report (runs/RUN_ID/report.html) at the end")
    boolean report;

    @Option(names = "--keep-worktrees", description = "keep the worktrees of isolated tasks after the run")
    boolean keepWorktrees;

    @Option(
            names = "--max-cost-usd",
            paramLabel = "USD",
            description = "start no new agent task once the run's agents have spent this much (max_cost_usd)")
    String maxCostUsd;

    @Mixin
    ConfigOptions config;

    public RunCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (file != null && resume != null) {
            throw FanoutException.badInput("give a tasks file or --resume RUN_ID, not both");
        }
        TaskSet tasks = resume != null ? null : ctx.session().tasksOrFile(file);
        Boolean parallel = mode == null
                ? null
                : mode.parallel != null ? Boolean.TRUE : mode.sequential != null ? Boolean.FALSE : null;
        RunRequest request = new RunRequest(
                jobs,
                parallel,
                failFast ? HaltPolicy.NOW : halt(halt),
                output(output),
                resume,
                config.flags(runFlags()),
                new dev.fanout.session.CacheRequest(
                        !noCache, force == null ? java.util.Set.of() : java.util.Set.copyOf(force)));
        RunPlan plan = ctx.session().plan(tasks, request);
        if (explain != null) {
            CacheCommand.explain(ctx, plan, explain);
            return 0;
        }
        if (dryRun) {
            printPlan(plan);
            return 0;
        }
        AfterRun after = execute(ctx, plan, quiet || json, output(output) == OutputMode.GROUP);
        if (json) {
            ctx.out().println(Json.pretty(dev.fanout.exec.RunJson.toJson(after.record())));
        } else {
            RunSummaryView.print(after, ctx.style(), ctx.out());
        }
        if (report) {
            // stdout stays pure JSON with --json
            (json ? ctx.err() : ctx.out()).println("report: " + ReportCommand.write(ctx, after.record(), null));
        }
        return exitCode(after.record());
    }

    /** Runs a plan with progress and Ctrl-C handling; shared with {@code exec}. */
    @SuppressWarnings("try") // the registration only needs closing
    static AfterRun execute(CliContext ctx, RunPlan plan, boolean quiet, boolean groupOutput) {
        LiveBlock live = ctx.terminal() && !quiet ? new LiveBlock(ctx.out(), ctx::width) : null;
        AtomicReference<Run> current = new AtomicReference<>();
        AtomicBoolean interrupted = new AtomicBoolean();
        // listening before the run exists, so a Ctrl-C while it is being set up is not lost
        try (RunProgress progress = new RunProgress(ctx.out(), ctx.err(), ctx.style(), quiet, groupOutput, live);
                Interrupts.Registration ignored = ctx.interrupts().onInterrupt(() -> {
                    interrupted.set(true);
                    Run r = current.get();
                    if (r != null) {
                        r.cancel("Ctrl-C");
                    }
                })) {
            progress.estimate(estimatedSeconds(plan));
            progress.attemptsAllowed(attemptsAllowed(plan));
            ctx.session().analysed(plan.analysis(), plan.decision());
            Run run = ctx.session().start(plan, progress);
            current.set(run);
            if (interrupted.get()) {
                run.cancel("Ctrl-C");
            }
            return ctx.session().afterRun(plan, run.execute());
        }
    }

    /**
     * How long the run should take: by durations measured in earlier runs where known, else the
     * tasks' estimates; 0 (no estimate) when there are neither, rather than one second a task.
     */
    private static double estimatedSeconds(RunPlan plan) {
        if (!plan.measured().isEmpty()) {
            return plan.schedule().makespan();
        }
        boolean estimated = plan.tasks().tasks().stream().anyMatch(t -> t.estimatedSeconds() != null);
        return estimated ? plan.analysis().makespanSeconds() : 0;
    }

    /** A task's retries (else max_retries) plus its first try, by task id. */
    private static java.util.Map<String, Integer> attemptsAllowed(RunPlan plan) {
        java.util.Map<String, Integer> allowed = new java.util.HashMap<>();
        int retries = plan.config().maxRetries();
        for (var t : plan.tasks().tasks()) {
            allowed.put(t.id(), 1 + (t.retries() != null ? t.retries() : retries));
        }
        return allowed;
    }

    static int exitCode(RunRecord record) {
        if (record.state() == RunState.INTERRUPTED) {
            return FanoutException.INTERRUPTED;
        }
        return record.state() == RunState.SUCCEEDED ? 0 : FanoutException.FAILED;
    }

    /** The flags this command sets as configuration for the run. */
    private java.util.Map<String, String> runFlags() {
        java.util.Map<String, String> flags = new java.util.LinkedHashMap<>();
        if (keepWorktrees) {
            flags.put("keep_worktrees", "true");
        }
        if (cluster != null) {
            flags.put("cluster_members", cluster);
        }
        if (maxCostUsd != null) {
            flags.put("max_cost_usd", maxCostUsd);
        }
        return flags;
    }

    private void printPlan(RunPlan plan) {
        var out = ctx.out();
        out.println("plan: " + Plural.of(plan.graph().size(), "task") + ", " + plan.modeReason());
        out.println("      "
                + (plan.options().parallel()
                        ? plan.options().jobs() + " slots, longest remaining path first"
                        : "1 slot, dependency order")
                + "; times are "
                + (plan.measured().isEmpty() ? "estimates" : "measured in earlier runs where known, else estimates"));
        String pools = Pools.describe(plan);
        if (!pools.isEmpty()) {
            out.println("      pools: " + pools);
        }
        out.println(ctx.style().bold(String.format("%-5s %-9s %-9s %s", "slot", "start", "end", "task")));
        var previews = ctx.session().cachePreview(plan);
        java.util.Set<String> hits = new java.util.HashSet<>(dev.fanout.cache.CachePreview.hits(previews));
        ListSchedule schedule = plan.schedule(hits);
        for (ListSchedule.Slot s : schedule.slots()) {
            boolean reused = plan.carried().containsKey(s.taskId())
                    && plan.carried().get(s.taskId()).status().isSuccess();
            out.printf(
                    "%-5d %-9s %-9s %s%s%n",
                    s.slot(),
                    TimeFormat.seconds(s.start()),
                    TimeFormat.seconds(s.end()),
                    s.taskId(),
                    reused
                            ? ctx.style().dim(" (succeeded in " + plan.options().resumedFrom() + ", not rerun)")
                            : hits.contains(s.taskId())
                                    ? ctx.style()
                                            .dim(" (from the cache: "
                                                    + previews.get(s.taskId()).why() + ")")
                                    : "");
        }
        for (String agent : ctx.session().missingAgents(plan)) {
            out.println("would create temporary agent " + agent);
        }
        if (!hits.isEmpty()) {
            out.println(Plural.of(hits.size(), "task") + " would come from the cache");
        }
        out.println("estimated makespan " + TimeFormat.seconds(schedule.makespan()) + "; nothing was run (--dry-run)");
        out.flush();
    }

    private static HaltPolicy halt(String value) {
        return switch (value.toLowerCase()) {
            case "never" -> HaltPolicy.NEVER;
            case "soon" -> HaltPolicy.SOON;
            case "now" -> HaltPolicy.NOW;
            default -> throw FanoutException.badInput("--halt takes never, soon or now, not '" + value + "'");
        };
    }

    static OutputMode output(String value) {
        return switch (value.toLowerCase()) {
            case "group" -> OutputMode.GROUP;
            case "stream" -> OutputMode.STREAM;
            default -> throw FanoutException.badInput("--output takes group or stream, not '" + value + "'");
        };
    }
}
