package dev.fanout.session;

import dev.fanout.FanoutException;
import dev.fanout.config.Config;
import dev.fanout.config.Home;
import dev.fanout.exec.CommandRunner;
import dev.fanout.exec.Run;
import dev.fanout.exec.RunListener;
import dev.fanout.exec.RunOptions;
import dev.fanout.exec.RunRecord;
import dev.fanout.exec.RunStore;
import dev.fanout.exec.TaskResult;
import dev.fanout.exec.TaskRunner;
import dev.fanout.graph.Analysis;
import dev.fanout.graph.Decision;
import dev.fanout.graph.TaskGraph;
import dev.fanout.task.Task;
import dev.fanout.task.TaskFileReader;
import dev.fanout.task.TaskSet;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a person works with, in the shell or for one command: the home, the loaded tasks, the
 * configuration overrides made with {@code set}. One-shot commands use a fresh session.
 */
public final class Session {
    private final Home home;
    private Config homeConfig;
    private TaskSet tasks = TaskSet.empty("session");
    private final Map<String, String> overrides = new LinkedHashMap<>();

    public Session(Home home) {
        this.home = home;
    }

    public Home home() {
        return home;
    }

    /** Defaults with the home's {@code config.json}; read once. */
    public Config homeConfig() {
        if (homeConfig == null) {
            homeConfig = home.loadConfig();
        }
        return homeConfig;
    }

    /** The session's tasks (empty until loaded or added). */
    public TaskSet tasks() {
        return tasks;
    }

    /**
     * Reads a tasks file and checks it whole, cycles included, without changing the session.
     *
     * @throws FanoutException (bad input) naming the file, line and column of the first problem
     */
    public TaskSet read(Path file) {
        TaskSet set = new TaskFileReader().read(file);
        TaskGraph.of(set);
        // the config is checked now too, so a bad key is reported before anything runs
        configFor(set, Map.of());
        return set;
    }

    /**
     * The tasks a command works on: those of {@code file} when given, else the session's.
     *
     * @throws FanoutException (bad input) when no file is given and no tasks are loaded
     */
    public TaskSet tasksOrFile(Path file) {
        if (file != null) {
            return read(file);
        }
        if (tasks.isEmpty()) {
            throw FanoutException.badInput("no tasks: give a tasks file, or 'load' one first");
        }
        return tasks;
    }

    /**
     * The configuration for a task set: defaults, the home's config.json, the file's config,
     * the session's {@code set} overrides, then {@code flags}.
     */
    public Config configFor(TaskSet set, Map<String, String> flags) {
        Map<String, String> positions = new LinkedHashMap<>();
        set.configPositions().forEach((k, p) -> positions.put(k, p.toString()));
        return homeConfig()
                .withJson(set.source() + " (config)", set.config(), positions)
                .withText("session setting", overrides)
                .withText("command-line flag", flags);
    }

    /** The runs under the home. */
    public RunStore runStore() {
        return new RunStore(home.runsDir());
    }

    /** The runners for each kind of task. */
    public Map<Task.Kind, TaskRunner> runners() {
        Map<Task.Kind, TaskRunner> runners = new EnumMap<>(Task.Kind.class);
        runners.put(Task.Kind.COMMAND, new CommandRunner());
        return runners;
    }

    /**
     * Works out a run: the tasks (those given, or those of the run being resumed), their
     * configuration, analysis and decision, and the scheduler's options.
     *
     * @throws FanoutException (bad input) for a bad tasks file, config or run id
     */
    public RunPlan plan(TaskSet given, RunRequest request) {
        TaskSet tasks = given;
        Map<String, TaskResult> carried = Map.of();
        if (request.resume() != null) {
            RunRecord old = runStore().load(request.resume());
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
        Config config = configFor(tasks, flags);
        TaskGraph graph = TaskGraph.of(tasks);
        Analysis analysis = Analysis.of(graph, config.maxParallelTasks());
        Decision decision = Decision.of(analysis, config);
        boolean parallel = request.parallel() != null ? request.parallel() : decision.parallel();
        String why = request.parallel() == null ? decision.summary() + ": " + decision.reason()
                : (parallel ? "--parallel" : "--sequential") + " given (the decision was " + decision.summary() + ": "
                        + decision.reason() + ")";
        RunOptions options = new RunOptions(parallel ? config.maxParallelTasks() : 1, parallel, request.halt(),
                request.output(), request.resume());
        Map<String, Double> measured = runStore().durations().measured(tasks.tasks());
        return new RunPlan(tasks, config, graph, analysis, decision, options, why, carried, measured);
    }

    /**
     * Creates the run's folder and record for a plan; {@link Run#execute()} then runs it.
     *
     * @throws FanoutException (bad input) when a task cannot run or the run folder cannot be written
     */
    public Run start(RunPlan plan, RunListener listener) {
        return Run.prepare(runStore(), plan.graph(), plan.config(), plan.options(), plan.modeReason(),
                plan.analysis().speedup(), runners(), listener, plan.carried());
    }

    /** The configuration without any tasks file. */
    public Config config() {
        return homeConfig().withText("session setting", overrides);
    }
}
