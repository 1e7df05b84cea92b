package dev.fanout.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every configuration key fanout knows, with its default. */
public final class ConfigKeys {
    public static final ConfigKey ENABLED = key(
            "enabled",
            ConfigKey.Type.BOOLEAN,
            true,
            null,
            "decide between parallel and sequential at all; false always runs sequentially");
    public static final ConfigKey MIN_TASKS_FOR_PARALLEL =
            key("min_tasks_for_parallel", ConfigKey.Type.INTEGER, 3, 1.0, "fewer tasks than this run sequentially");
    public static final ConfigKey MIN_SPEEDUP_THRESHOLD = key(
            "min_speedup_threshold", ConfigKey.Type.NUMBER, 1.5, 0.0, "parallel needs at least this estimated speedup");
    public static final ConfigKey MIXED_SPEEDUP_THRESHOLD = key(
            "mixed_speedup_threshold",
            ConfigKey.Type.NUMBER,
            2.0,
            0.0,
            "tasks of mixed types are 'recommended' for parallel only from this speedup");
    public static final ConfigKey MAX_PARALLEL_TASKS =
            key("max_parallel_tasks", ConfigKey.Type.INTEGER, 10, 1.0, "how many tasks run at once (--jobs)");
    public static final ConfigKey TASK_TIMEOUT_SECONDS = key(
            "task_timeout_seconds",
            ConfigKey.Type.NUMBER,
            600.0,
            0.0,
            "a task running longer is stopped (its own timeout_seconds wins); 0 means no limit");
    public static final ConfigKey AUTO_CREATE_TEMP_RESOURCES = key(
            "auto_create_temp_resources",
            ConfigKey.Type.BOOLEAN,
            true,
            null,
            "create a temporary agent when a task names one that does not exist");
    public static final ConfigKey AUTO_CLEANUP_TEMP_RESOURCES = key(
            "auto_cleanup_temp_resources",
            ConfigKey.Type.BOOLEAN,
            true,
            null,
            "apply the keep/delete rules to temporary resources after a run");
    public static final ConfigKey TEMP_RESOURCE_RETENTION_DAYS = key(
            "temp_resource_retention_days",
            ConfigKey.Type.INTEGER,
            30,
            0.0,
            "temporary resources unused this long are deleted");
    public static final ConfigKey MAX_RETRIES = key(
            "max_retries",
            ConfigKey.Type.INTEGER,
            3,
            0.0,
            "retries of a failed or timed-out task (its own retries wins)");
    public static final ConfigKey BACKOFF_BASE_SECONDS = key(
            "backoff_base_seconds",
            ConfigKey.Type.NUMBER,
            2.0,
            0.0,
            "retry n waits backoff_base_seconds^n seconds, plus a little jitter");
    public static final ConfigKey MAX_BACKOFF_SECONDS = key(
            "max_backoff_seconds",
            ConfigKey.Type.NUMBER,
            60.0,
            0.0,
            "no retry waits longer than this, jitter included");
    public static final ConfigKey AGENT_COMMAND = key(
            "agent_command",
            ConfigKey.Type.STRING_LIST,
            List.of("claude", "-p", "{prompt}", "--output-format", "json", "--append-system-prompt", "{body}"),
            null,
            "the argv template for agents that name no command of their own");
    public static final ConfigKey AGENT_DIRS = key(
            "agent_dirs",
            ConfigKey.Type.STRING_LIST,
            List.of(),
            null,
            "extra read-only folders of agent files (NAME.md)");
    public static final ConfigKey SKILL_DIRS = key(
            "skill_dirs",
            ConfigKey.Type.STRING_LIST,
            List.of(),
            null,
            "extra read-only folders of skills (NAME/SKILL.md)");
    public static final ConfigKey ALLOW_JAVA = key(
            "allow_java",
            ConfigKey.Type.BOOLEAN,
            false,
            null,
            "let JavaScript reach Java classes (off: scripts see only the fanout object)");
    public static final ConfigKey SCRIPT_TIME_LIMIT_SECONDS = key(
            "script_time_limit_seconds",
            ConfigKey.Type.NUMBER,
            60.0,
            0.0,
            "a JavaScript evaluation running longer is stopped; 0 means no limit");
    public static final ConfigKey SECRET_ENV = key(
            "secret_env",
            ConfigKey.Type.STRING_LIST,
            List.of(),
            null,
            "task env variables stored and shown as *** (besides names with TOKEN, SECRET, KEY or PASSWORD)");
    public static final ConfigKey SCRIPT_MEMORY_MB = key(
            "script_memory_mb",
            ConfigKey.Type.INTEGER,
            0,
            0.0,
            "scripts are stopped when fanout's memory after a collection passes this many MB;"
                    + " 0 means 60% of the JVM's heap (FANOUT_JAVA_OPTS=-Xmx… gives more)");
    public static final ConfigKey ISOLATION = key(
            "isolation",
            ConfigKey.Type.STRING,
            "none",
            null,
            "default isolation of command and agent tasks: none, or worktree (a git worktree each)");
    public static final ConfigKey KEEP_WORKTREES = key(
            "keep_worktrees",
            ConfigKey.Type.BOOLEAN,
            false,
            null,
            "keep the tasks' git worktrees after a run (their branches are always kept)");
    public static final ConfigKey POOLS = key(
            "pools",
            ConfigKey.Type.LIMITS,
            java.util.Map.of(),
            null,
            "named concurrency limits, e.g. {\"claude\": 2}; a task joins one with pool: NAME");
    public static final ConfigKey MAX_COST_USD = key(
            "max_cost_usd",
            ConfigKey.Type.NUMBER,
            0.0,
            0.0,
            "once a run's agents have reported spending this many dollars, no new agent task starts"
                    + " (the rest are skipped); 0 for no limit");
    public static final ConfigKey AUTOSAVE =
            key("autosave", ConfigKey.Type.BOOLEAN, true, null, "save the shell's session when it ends");

    public static final ConfigKey CLUSTER_MEMBERS = key(
            "cluster_members",
            ConfigKey.Type.STRING_LIST,
            List.of(),
            null,
            "run command tasks on the fanout workers at these HOST:PORT addresses (run --cluster)");

    public static final ConfigKey CACHE = key(
            "cache",
            ConfigKey.Type.BOOLEAN,
            true,
            null,
            "reuse stored results of tasks that declare inputs (a task's own cache: true|false wins)");

    private static Map<String, ConfigKey> byName;

    private ConfigKeys() {}

    private static ConfigKey key(String name, ConfigKey.Type type, Object def, Double min, String description) {
        ConfigKey key = new ConfigKey(name, type, def, min, description);
        if (byName == null) {
            byName = new LinkedHashMap<>();
        }
        byName.put(name, key);
        return key;
    }

    /** All keys, in documentation order. */
    public static List<ConfigKey> all() {
        return List.copyOf(byName.values());
    }

    /** The key of that name, or null. */
    public static ConfigKey named(String name) {
        return byName.get(name);
    }

    /** Shows a number without a trailing ".0" when it is whole. */
    public static String formatNumber(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
