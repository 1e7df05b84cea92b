package dev.fanout.session;

import dev.fanout.FanoutException;
import dev.fanout.config.Config;
import dev.fanout.config.Home;
import dev.fanout.graph.TaskGraph;
import dev.fanout.merge.StrategyRegistry;
import dev.fanout.task.TaskFileReader;
import dev.fanout.task.TaskSet;
import java.nio.file.Path;
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
    private final StrategyRegistry strategies = StrategyRegistry.withBuiltIns();

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

    /** The merge strategies: the built-in ones and those scripts registered in this session. */
    public StrategyRegistry strategies() {
        return strategies;
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

    /** The configuration without any tasks file. */
    public Config config() {
        return homeConfig().withText("session setting", overrides);
    }
}
