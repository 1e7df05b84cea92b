package dev.fanout.session;

import dev.fanout.FanoutException;
import dev.fanout.config.Config;
import dev.fanout.exec.RunOptions;
import dev.fanout.exec.RunRecord;
import dev.fanout.exec.TaskResult;
import dev.fanout.graph.Analysis;
import dev.fanout.graph.Decision;
import dev.fanout.graph.ListSchedule;
import dev.fanout.graph.TaskGraph;
import dev.fanout.task.SecretEnv;
import dev.fanout.task.TaskSet;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A run worked out but not started: the tasks, their configuration and analysis, the decision,
 * and the options the scheduler will use.
 *
 * @param modeReason why it runs in parallel or sequentially, in words
 * @param carried results reused from the run being resumed, by task id (empty otherwise)
 * @param measured seconds earlier runs took, by task id, which order the ready tasks
 * @param cache what the user asked of the result cache
 */
public record RunPlan(
        TaskSet tasks,
        Config config,
        TaskGraph graph,
        Analysis analysis,
        Decision decision,
        RunOptions options,
        String modeReason,
        Map<String, TaskResult> carried,
        Map<String, Double> measured,
        CacheRequest cache) {

    /**
     * Works out a run for a session: the tasks (those given, or those of the run being resumed),
     * their configuration, analysis and decision, and the scheduler's options.
     */
    static RunPlan of(Session session, TaskSet given, RunRequest request) {
        TaskSet tasks = given;
        Map<String, TaskResult> carried = Map.of();
        if (request.resume() != null) {
            RunRecord old = session.runStore().load(request.resume());
            if (old.state() == dev.fanout.exec.RunState.RUNNING) {
                throw FanoutException.badInput("run " + old.runId() + " is still running (fanout pid " + old.pid()
                        + "); resume it once it has ended, or stop it with Ctrl-C");
            }
            tasks = old.tasks();
            carried = old.results();
        }
        Map<String, String> flags = new LinkedHashMap<>(request.flags());
        if (request.jobs() != null) {
            if (request.jobs() < 1) {
                throw FanoutException.badInput("--jobs must be at least 1, not " + request.jobs());
            }
            flags.put("max_parallel_tasks", request.jobs().toString());
        }
        Config config = session.configFor(tasks, flags);
        tasks = MaskedEnv.restore(
                tasks,
                reusedIds(carried),
                SecretEnv.of(config.secretEnv()),
                request.resume() != null ? "run " + request.resume() : tasks.source(),
                request.resume() != null
                        ? "run the tasks file again instead of resuming"
                        : "load the tasks file again ('load FILE')");
        tasks = AgentPools.apply(tasks, session.resources(config));
        for (dev.fanout.task.Task t : tasks.tasks()) {
            if (t.pool() != null && !config.pools().containsKey(t.pool())) {
                String where = t.position() == null ? "" : t.position() + ": ";
                String from = AgentPools.fromAgent(given, t) ? " (its agent '" + t.agent() + "' says so)" : "";
                throw FanoutException.badInput(where + "task '" + t.id() + "' is in pool '" + t.pool() + "'" + from
                        + ", which has no limit; add \"pools\": {\"" + t.pool() + "\": N} to the config");
            }
        }
        TaskGraph graph = TaskGraph.of(tasks);
        Set<String> reused = new HashSet<>();
        carried.forEach((id, r) -> {
            if (r.status().isSuccess()) {
                reused.add(id);
            }
        });
        tasks.checkRunnable(reused);
        Analysis analysis = Analysis.of(graph, config.maxParallelTasks());
        Decision decision = Decision.of(analysis, config);
        boolean parallel = request.parallel() != null ? request.parallel() : decision.parallel();
        String why = request.parallel() == null
                ? decision.summary() + ": " + decision.reason()
                : (parallel ? "--parallel" : "--sequential") + " given (the decision was " + decision.summary() + ": "
                        + decision.reason() + ")";
        RunOptions options = new RunOptions(
                parallel ? config.maxParallelTasks() : 1, parallel, request.halt(), request.output(), request.resume());
        Map<String, Double> measured = session.runStore().durations().measured(tasks.tasks());
        return new RunPlan(tasks, config, graph, analysis, decision, options, why, carried, measured, request.cache());
    }

    /** The tasks that succeeded in the run being resumed: they are not run again. */
    public Set<String> reusedIds() {
        return reusedIds(carried);
    }

    private static Set<String> reusedIds(Map<String, TaskResult> carried) {
        Set<String> ids = new HashSet<>();
        carried.forEach((id, r) -> {
            if (r.status().isSuccess()) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The folder of the tasks file (where a task's script path resolves), or the working folder. */
    public Path tasksFolder() {
        Path source = Path.of(tasks.source());
        Path parent = java.nio.file.Files.isRegularFile(source)
                ? source.toAbsolutePath().getParent()
                : null;
        return parent != null ? parent : Path.of("").toAbsolutePath();
    }

    /** What the scheduler would do, slot by slot, if every task took its measured or estimated time. */
    public ListSchedule schedule() {
        return schedule(Set.of());
    }

    /** As {@link #schedule()}, with these tasks taking no time (they would come from the result cache). */
    public ListSchedule schedule(Set<String> cached) {
        double[] weights = new double[graph.size()];
        for (int v = 0; v < graph.size(); v++) {
            Double m = measured.get(graph.id(v));
            weights[v] = m != null ? m : graph.task(v).estimateOrUnit();
            var before = carried.get(graph.id(v));
            if (before != null && before.status().isSuccess() || cached.contains(graph.id(v))) {
                weights[v] = 0;
            }
        }
        return ListSchedule.plan(graph, weights, options.jobs(), true, options.parallel());
    }
}
