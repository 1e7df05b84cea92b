package dev.fanout.session;

import dev.fanout.FanoutException;
import dev.fanout.Names;
import dev.fanout.agent.Resources;
import dev.fanout.config.Config;
import dev.fanout.config.Home;
import dev.fanout.exec.Run;
import dev.fanout.exec.RunListener;
import dev.fanout.exec.RunRecord;
import dev.fanout.exec.RunStore;
import dev.fanout.graph.Analysis;
import dev.fanout.graph.Decision;
import dev.fanout.graph.TaskGraph;
import dev.fanout.merge.Merged;
import dev.fanout.merge.StrategyRegistry;
import dev.fanout.script.ScriptBridge;
import dev.fanout.script.ScriptDefinition;
import dev.fanout.task.SecretEnv;
import dev.fanout.task.Task;
import dev.fanout.task.TaskFileReader;
import dev.fanout.task.TaskSet;
import dev.fanout.workspace.Git;
import dev.fanout.workspace.Worktrees;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a person works with, in the shell or for one command: the home, the loaded tasks, the
 * configuration overrides made with {@code set}. One-shot commands use a fresh session.
 */
public final class Session {
    /** The name a session is saved under when it was never given one. */
    public static final String DEFAULT_NAME = "last";

    private final Home home;
    private final java.time.Clock clock = java.time.Clock.systemUTC();
    private Config homeConfig;
    private String name = DEFAULT_NAME;
    private TaskSet tasks = TaskSet.empty("session");
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final List<String> runs = new ArrayList<>();
    private StrategyRegistry strategies;
    private final SessionScriptHost host = new SessionScriptHost(this);
    private final SessionScripts scripts = new SessionScripts(host, this::strategies);
    private final SessionRuns launches = new SessionRuns(this, scripts);
    private Analysis lastAnalysis;
    private Decision lastDecision;
    private boolean unsaved;

    public Session(Home home) {
        this.home = home;
    }

    public String name() {
        return name;
    }

    /** Whether something changed since the session was last saved or restored. */
    public boolean unsaved() {
        return unsaved;
    }

    /**
     * Loads a tasks file into the session, replacing its tasks or, with {@code append}, adding to them.
     *
     * @return the session's tasks afterwards
     * @throws FanoutException (bad input) for a bad file, or ids that clash with loaded ones
     */
    public TaskSet load(Path file, boolean append) {
        TaskSet read = read(file);
        TaskSet next = append && !tasks.isEmpty() ? tasks.plus(read.tasks()) : read;
        TaskGraph.of(next); // a cycle is refused before the session takes the tasks
        tasks = next;
        lastAnalysis = null;
        unsaved = true;
        return tasks;
    }

    /**
     * Adds tasks by hand.
     *
     * @throws FanoutException (bad input) for a taken id, an unknown dependency or a cycle
     */
    public TaskSet addTask(Task task) {
        String problem = Names.taskIdProblem(task.id());
        if (problem != null) {
            throw FanoutException.badInput("task id '" + task.id() + "' " + problem);
        }
        TaskSet next = (tasks.isEmpty() ? TaskSet.empty("session") : tasks).plus(List.of(task));
        TaskGraph.of(next);
        tasks = next;
        lastAnalysis = null;
        unsaved = true;
        return tasks;
    }

    /**
     * Removes a task.
     *
     * @throws FanoutException (bad input) when there is no such task or others depend on it
     */
    public TaskSet removeTask(String id) {
        tasks = tasks.minus(id);
        lastAnalysis = null;
        unsaved = true;
        return tasks;
    }

    /**
     * Sets a config override for the rest of the session.
     *
     * @throws FanoutException (bad input) for an unknown key or a bad value, naming it
     */
    public void set(String key, String value) {
        config().withText("set", Map.of(key, value));
        overrides.put(key, value);
        unsaved = true;
    }

    /**
     * Removes an override or a variable.
     *
     * @return whether there was one
     */
    public boolean unset(String key) {
        boolean had = overrides.remove(key) != null | variables.remove(key) != null;
        unsaved |= had;
        return had;
    }

    public Map<String, String> overrides() {
        return Collections.unmodifiableMap(overrides);
    }

    /** Sets a session variable (for scripts; saved with the session). */
    public void variable(String key, String value) {
        variables.put(key, value);
        unsaved = true;
    }

    public Map<String, String> variables() {
        return Collections.unmodifiableMap(variables);
    }

    /** Remembers the analysis last shown, for {@code status} and the snapshot. */
    public void analysed(Analysis analysis, Decision decision) {
        this.lastAnalysis = analysis;
        this.lastDecision = decision;
    }

    public Analysis lastAnalysis() {
        return lastAnalysis;
    }

    public Decision lastDecision() {
        return lastDecision;
    }

    /** Remembers a run made in this session. */
    public void ran(String runId) {
        runs.add(runId);
        unsaved = true;
    }

    /** The runs made in (or restored with) this session, oldest first. */
    public List<String> runs() {
        return Collections.unmodifiableList(runs);
    }

    /** The session as a snapshot under {@code saveAs}, with its JavaScript definitions. */
    public Snapshot snapshot(String saveAs) {
        List<Snapshot.ScriptSource> sources = scripts.definitions().stream()
                .map(d -> new Snapshot.ScriptSource(d.origin(), d.source()))
                .toList();
        return Snapshot.of(
                saveAs, secrets(tasks).mask(tasks), overrides, variables, lastAnalysis, lastDecision, runs, sources);
    }

    /** How many JavaScript definitions the session holds (merges and pipelines registered by scripts). */
    public int scriptDefinitions() {
        return scripts.definitions().size();
    }

    /**
     * The session's JavaScript bridge, made on first use.
     *
     * @see dev.fanout.script.ScriptBridge
     */
    public ScriptBridge scriptBridge() {
        return scripts.bridge(config());
    }

    /** Where script log lines and the progress of runs scripts start go (the command line prints them). */
    public void scriptLog(Consumer<String> sink) {
        host.log(sink);
    }

    /** Stops running scripts (Ctrl-C); the engine stays usable. */
    public void cancelScripts() {
        scripts.cancel();
    }

    /** Marks the session saved under {@code savedAs}. */
    public void saved(String savedAs) {
        this.name = savedAs;
        this.unsaved = false;
    }

    /**
     * Makes a session from a snapshot, checking first that its runs still exist. The analysis
     * is recomputed from the tasks.
     *
     * @param dropMissingRuns forget runs that are gone instead of refusing the restore
     * @throws FanoutException (bad input) when the snapshot names runs that are gone
     */
    public static Session restore(Home home, Snapshot s, boolean dropMissingRuns) {
        Session session = new Session(home);
        RunStore store = session.runStore();
        List<String> gone = s.runs().stream().filter(id -> !store.exists(id)).toList();
        if (!gone.isEmpty() && !dropMissingRuns) {
            throw FanoutException.badInput(
                    "session '" + s.name() + "' names runs that are gone (" + String.join(", ", gone) + "); 'restore "
                            + s.name() + " --drop-missing-runs' restores it without them");
        }
        session.tasks = s.tasks();
        s.overrides().forEach((k, v) -> session.config().withText("session " + s.name(), Map.of(k, v)));
        session.overrides.putAll(s.overrides());
        session.variables.putAll(s.variables());
        s.runs().stream().filter(id -> !gone.contains(id)).forEach(session.runs::add);
        if (!session.tasks.isEmpty()) {
            TaskGraph graph = TaskGraph.of(session.tasks);
            Config config = session.configFor(session.tasks, Map.of());
            session.lastAnalysis = Analysis.of(graph, config.maxParallelTasks());
            session.lastDecision = Decision.of(session.lastAnalysis, config);
        }
        List<ScriptDefinition> definitions = s.scripts().stream()
                .map(x -> new ScriptDefinition(x.origin(), x.source()))
                .toList();
        session.scripts.restore(session.config(), definitions);
        session.name = s.name();
        return session;
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

    /** The merge strategies: the built-in ones and those scripts registered in this session. */
    public synchronized StrategyRegistry strategies() {
        if (strategies == null) {
            strategies = StrategyRegistry.withBuiltIns(); // made when first needed: commands that merge nothing skip it
        }
        return strategies;
    }

    /** The session's tasks (empty until loaded or added). */
    public TaskSet tasks() {
        return tasks;
    }

    /**
     * Reads a tasks file and checks its fields, ids, dependencies and config, without changing
     * the session. Cycles are found when its graph is built (every user of the tasks builds one;
     * building it here too would cost a large file twice).
     *
     * @throws FanoutException (bad input) naming the file, line and column of the first problem
     */
    public TaskSet read(Path file) {
        TaskSet set = new TaskFileReader().read(file);
        // the config is checked now too, so a bad key is reported before anything runs
        configFor(set, Map.of());
        return set;
    }

    /** Which env variables of these tasks are secret, by the configuration they run with. */
    public SecretEnv secrets(TaskSet set) {
        return SecretEnv.of(configFor(set, Map.of()).secretEnv());
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

    /** The tasks' git worktrees, under the home. */
    public Worktrees worktrees() {
        return new Worktrees(new Git(), home.root().resolve("worktrees"));
    }

    /** Skills and agents, as the configuration places them. */
    public Resources resources(Config config) {
        return new Resources(home, config, clock);
    }

    /**
     * Works out a run: the tasks (those given, or those of the run being resumed), their
     * configuration, analysis and decision, and the scheduler's options.
     *
     * @throws FanoutException (bad input) for a bad tasks file, config or run id
     */
    public RunPlan plan(TaskSet given, RunRequest request) {
        return RunPlan.of(this, given, request);
    }

    /**
     * Creates the run's folder and record for a plan; {@link Run#execute()} then runs it.
     *
     * @throws FanoutException (bad input) when a task cannot run or the run folder cannot be written
     */
    public Run start(RunPlan plan, RunListener listener) {
        return launches.start(plan, listener);
    }

    /** The result cache for a plan's run (off under --no-cache). */
    public dev.fanout.cache.ResultCache resultCache(RunPlan plan) {
        return SessionCache.forRun(this, plan);
    }

    /**
     * What the result cache would do for each of a plan's tasks, in dependency order, nothing run
     * or restored: for --dry-run, analyze and "cache why".
     *
     * @throws FanoutException (bad input) when --force names an unknown task
     */
    public Map<String, dev.fanout.cache.CachePreview.Preview> cachePreview(RunPlan plan) {
        return SessionCache.preview(this, plan);
    }

    /** The result cache's folder. */
    public dev.fanout.cache.CacheStore cacheStore() {
        return SessionCache.store(this);
    }

    /** Agents the plan's tasks name that do not exist yet ("name (for a, b)"); a dry run shows them. */
    public List<String> missingAgents(RunPlan plan) {
        return AgentNeeds.of(plan.tasks(), plan.reusedIds(), resources(plan.config()))
                .describe();
    }

    /**
     * What follows a run: the cleanup of temporary resources when {@code auto_cleanup_temp_resources} is on.
     * The run is remembered as one of this session's.
     */
    public AfterRun afterRun(RunPlan plan, RunRecord record) {
        ran(record.runId());
        return launches.finish(plan, record);
    }

    /**
     * Merges a run's results (the latest run when {@code runId} is null).
     *
     * @param taskIds the tasks to merge, or empty for all
     * @param strategy a strategy name, or "auto"
     * @throws FanoutException (bad input) for an unknown run, task or strategy
     */
    public Merged merge(String runId, List<String> taskIds, String strategy) {
        return merge(runId, taskIds, strategy, null);
    }

    /** As {@link #merge(String, List, String)}; {@code onto} is the branch the changes strategy merges into. */
    public Merged merge(String runId, List<String> taskIds, String strategy, String onto) {
        RunStore store = runStore();
        RunRecord record = store.load(runId == null ? store.latest() : runId);
        return RunMerge.merge(record, taskIds, strategy, strategies(), onto);
    }

    /** The configuration without any tasks file. */
    public Config config() {
        return homeConfig().withText("session setting", overrides);
    }
}
