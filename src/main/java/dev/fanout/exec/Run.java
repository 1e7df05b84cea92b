package dev.fanout.exec;

import dev.fanout.FanoutException;
import dev.fanout.config.Config;
import dev.fanout.graph.TaskGraph;
import dev.fanout.task.SecretEnv;
import dev.fanout.task.Task;
import dev.fanout.task.TaskJson;
import dev.fanout.task.TaskSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a task graph: its folder and record, the scheduler, and what happens after the
 * last task (durations remembered, left-over processes stopped, the final record written).
 * {@link #cancel} may be called from any thread, such as a Ctrl-C handler.
 */
public final class Run {
    private final RunStore store;
    private final String runId;
    private final RunDirectory dir;
    private final Scheduler scheduler;
    private final TaskGraph graph;
    private final Config config;
    private final RunOptions options;
    private final String decision;
    private final double estimatedSpeedup;
    private final Instant startedAt = Instant.now();
    /** The tasks as records keep them: secrets masked. */
    private final TaskSet recorded;

    /** The parts of the record that do not change once made, for its many writes. */
    private final RecordBytes recordBytes;

    private final RecordWriter checkpoints;
    private final Map<Task.Kind, TaskRunner> runners;

    private Run(
            RunStore store,
            TaskGraph graph,
            Config config,
            RunOptions options,
            String decision,
            double estimatedSpeedup,
            Map<Task.Kind, TaskRunner> runners,
            RunListener listener,
            Map<String, TaskResult> carried,
            Resolver resolver) {
        this.store = store;
        this.graph = graph;
        this.config = config;
        this.options = options;
        this.decision = decision;
        this.estimatedSpeedup = estimatedSpeedup;
        this.runId = store.newRunId();
        this.runners = runners;
        this.dir = new RunDirectory(runId, store.dirOf(runId));
        this.recorded = SecretEnv.of(config.secretEnv()).mask(graph.taskSet());
        this.recordBytes = new RecordBytes(TaskJson.toJson(recorded));
        Map<String, Double> measured =
                store.durations().measured(graph.taskSet().tasks());
        this.checkpoints = new RecordWriter(
                results -> record(RunState.RUNNING, results, null), record -> store.save(record, recordBytes));
        this.scheduler = new Scheduler(
                graph,
                options,
                config,
                runners,
                resolver,
                dir,
                listener,
                measured,
                carried,
                checkpoints,
                new SystemTimeline());
    }

    /**
     * Prepares a run: checks every task can run, creates the run's folder and has its first record written.
     *
     * @param decision why it runs in parallel or not, for the record
     * @param carried results of an earlier run to reuse (resume), by task id; only successes are reused
     * @throws FanoutException (bad input) when a task has nothing to run or the run folder cannot be written
     */
    public static Run prepare(
            RunStore store,
            TaskGraph graph,
            Config config,
            RunOptions options,
            String decision,
            double estimatedSpeedup,
            Map<Task.Kind, TaskRunner> runners,
            RunListener listener,
            Map<String, TaskResult> carried) {
        return prepare(
                store, graph, config, options, decision, estimatedSpeedup, runners, listener, carried, Resolver.NONE);
    }

    /**
     * As {@link #prepare(RunStore, TaskGraph, Config, RunOptions, String, double, Map, RunListener, Map)},
     * with {@code resolver} asked, before each task would start, whether it needs to run at all.
     */
    public static Run prepare(
            RunStore store,
            TaskGraph graph,
            Config config,
            RunOptions options,
            String decision,
            double estimatedSpeedup,
            Map<Task.Kind, TaskRunner> runners,
            RunListener listener,
            Map<String, TaskResult> carried,
            Resolver resolver) {
        for (Task t : graph.taskSet().tasks()) {
            if (t.kind() == Task.Kind.NONE
                    && !(carried.containsKey(t.id())
                            && carried.get(t.id()).status().isSuccess())) {
                String where = t.position() == null ? "" : t.position() + ": ";
                throw FanoutException.badInput(where + "task '" + t.id()
                        + "' has nothing to run; give it a command, an agent and prompt, or a script");
            }
        }
        if (options.resumedFrom() != null) {
            // a killed fanout leaves its tasks running; they must not run beside their reruns
            OrphanReaper.reap(options.resumedFrom());
        }
        java.util.Set<Containment> containments = containments(runners);
        // a fanout killed with its tasks running left their groups: stop and remove them
        containments.forEach(Containment::reapDead);
        java.util.Set<String> unenforced = new java.util.LinkedHashSet<>();
        for (Task t : graph.taskSet().tasks()) {
            TaskRunner runner = runners.get(t.kind());
            if (!t.limits().isNone() && runner != null) {
                String warning = runner.containment().unenforced(t.limits());
                if (warning != null) {
                    unenforced.add(warning);
                }
            }
        }
        Run run = new Run(
                store, graph, config, options, decision, estimatedSpeedup, runners, listener, carried, resolver);
        try {
            run.copyCarriedResults(carried);
            // the first record goes through the checkpoint writer: the folder is known to be
            // writable, and the first tasks need not wait for the record's first serialization
            run.checkpoints.offer(run.pendingResults(carried));
        } catch (RuntimeException e) {
            run.checkpoints.close();
            run.dir.close();
            throw e;
        }
        listener.runStarted(run.runId, run.dir.path(), graph.size(), estimatedSpeedup);
        unenforced.forEach(w -> listener.note("warning: " + w));
        return run;
    }

    public String id() {
        return runId;
    }

    public Path dir() {
        return dir.path();
    }

    /** Asks the run to stop: running task trees are stopped, the rest cancelled. Any thread. */
    public void cancel(String why) {
        scheduler.cancel(why);
    }

    /**
     * Runs every task to a final status and writes the final record.
     *
     * @return the record; its state is interrupted when {@link #cancel} was called
     */
    public RunRecord execute() {
        Map<String, TaskResult> results;
        Thread durations = null;
        try {
            results = scheduler.run();
            durations = rememberDurations(results);
        } finally {
            checkpoints.close();
            containments(runners).forEach(c -> c.reapRun(runId));
            OrphanReaper.reap(runId);
            dir.close();
        }
        RunState state = RunRecord.stateOf(results, scheduler.interrupted());
        RunRecord record;
        try {
            record = save(state, results, Instant.now());
        } finally {
            await(durations);
        }
        return record;
    }

    /**
     * Folds the tasks' durations into the history on a thread of its own, beside the steps that
     * end the run (the history is a hint for later runs, needed by none of them): at 20,000
     * tasks it took 45-57 ms of CPU, in a tail that waits on the disk and the kernel.
     */
    private Thread rememberDurations(Map<String, TaskResult> results) {
        Thread t = new Thread(() -> store.durations().record(graph.taskSet().tasks(), results), "fanout-durations");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void await(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.Set<Containment> containments(Map<Task.Kind, TaskRunner> runners) {
        java.util.Set<Containment> set = new java.util.LinkedHashSet<>();
        runners.values().forEach(r -> set.add(r.containment()));
        return set;
    }

    private Map<String, TaskResult> pendingResults(Map<String, TaskResult> carried) {
        Map<String, TaskResult> pending = new LinkedHashMap<>();
        for (Task t : graph.taskSet().tasks()) {
            TaskResult c = carried.get(t.id());
            pending.put(
                    t.id(),
                    c != null && c.status().isSuccess()
                            ? new TaskResult(
                                    t.id(),
                                    TaskStatus.SUCCEEDED,
                                    c.attempts(),
                                    "succeeded in an earlier run",
                                    c.result(),
                                    null,
                                    true)
                            : new TaskResult(t.id(), TaskStatus.PENDING, java.util.List.of(), null, null, null, false));
        }
        return pending;
    }

    /** A resumed run's reused results are copied in, so the new run's folder holds every result. */
    private void copyCarriedResults(Map<String, TaskResult> carried) {
        if (options.resumedFrom() == null) {
            return;
        }
        Path from = store.dirOf(options.resumedFrom());
        carried.forEach((id, r) -> {
            if (!r.status().isSuccess()) {
                return;
            }
            Path src = from.resolve("tasks").resolve(id);
            Path dst = dir.taskDir(id);
            try {
                Files.createDirectories(dst);
                for (String name : new String[] {"result.json", "stdout.log", "stderr.log"}) {
                    if (Files.exists(src.resolve(name))) {
                        Files.copy(src.resolve(name), dst.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } catch (IOException e) {
                throw FanoutException.badInput(
                        "cannot copy " + id + "'s result from run " + options.resumedFrom() + ": " + e.getMessage());
            }
        });
    }

    private RunRecord record(RunState state, Map<String, TaskResult> results, Instant endedAt) {
        return new RunRecord(
                runId,
                state,
                ProcessHandle.current().pid(),
                graph.taskSet().source(),
                startedAt,
                endedAt,
                options.resumedFrom(),
                options.parallel(),
                options.jobs(),
                decision,
                estimatedSpeedup,
                recorded,
                results,
                dir.path());
    }

    private RunRecord save(RunState state, Map<String, TaskResult> results, Instant endedAt) {
        RunRecord record = record(state, results, endedAt);
        try {
            store.save(record, recordBytes);
        } catch (IOException e) {
            throw new FanoutException(
                    FanoutException.FAILED, "cannot write " + dir.path().resolve("run.json") + ": " + e.getMessage());
        }
        return record;
    }

    /** The tasks of a run, for resuming it. */
    public static TaskSet tasksOf(RunRecord r) {
        return r.tasks();
    }
}
