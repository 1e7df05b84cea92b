package dev.fanout.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.FanoutException;
import dev.fanout.Hint;
import dev.fanout.Names;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective configuration: a value for every key and where each came from. Layers are
 * applied in precedence order (defaults, {@code $FANOUT_HOME/config.json}, the tasks file's
 * {@code config}, session settings, command flags), each {@link #with} returning a new Config.
 */
public record Config(Map<String, Object> values, Map<String, String> origins) {

    public Config {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
    }

    /** Every key at its default. */
    public static Config defaults() {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKeys.all()) {
            values.put(key.name(), key.defaultValue());
            origins.put(key.name(), "default");
        }
        return new Config(values, origins);
    }

    /**
     * Applies a JSON/YAML object of settings on top of this configuration.
     *
     * @param origin where the settings come from, used in messages and {@code config show}
     * @throws FanoutException (bad input) naming the key when a key is unknown or a value has the wrong type
     */
    public Config withJson(String origin, JsonNode settings) {
        return withJson(origin, settings, Map.of());
    }

    /**
     * As {@link #withJson(String, JsonNode)}, with where each key stands in its file
     * ({@code tasks.json:3:5}) so a message can point at it.
     */
    public Config withJson(String origin, JsonNode settings, Map<String, String> positions) {
        if (settings == null || settings.isNull()) {
            return this;
        }
        if (!settings.isObject()) {
            throw FanoutException.badInput(
                    origin + ": config must be an object of settings, not " + ConfigKey.describe(settings));
        }
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : settings.properties()) {
            String where = positions.getOrDefault(field.getKey(), origin);
            ConfigKey key = known(where, field.getKey());
            try {
                parsed.put(key.name(), key.fromJson(field.getValue()));
            } catch (IllegalArgumentException e) {
                throw FanoutException.badInput(where + ": " + e.getMessage());
            }
        }
        return with(origin, parsed);
    }

    /**
     * Applies settings given as text (flags, the shell's {@code set}).
     *
     * @throws FanoutException (bad input) naming the key when a key is unknown or a value does not parse
     */
    public Config withText(String origin, Map<String, String> settings) {
        Map<String, Object> parsed = new LinkedHashMap<>();
        settings.forEach((name, text) -> {
            ConfigKey key = known(origin, name);
            try {
                parsed.put(key.name(), key.fromText(text));
            } catch (IllegalArgumentException e) {
                throw FanoutException.badInput(origin + ": " + e.getMessage());
            }
        });
        return with(origin, parsed);
    }

    /** Applies already-typed values (as produced by {@link ConfigKey#fromJson} or {@link ConfigKey#fromText}). */
    public Config with(String origin, Map<String, Object> typed) {
        Map<String, Object> v = new LinkedHashMap<>(values);
        Map<String, String> o = new LinkedHashMap<>(origins);
        typed.forEach((name, value) -> {
            v.put(name, value);
            o.put(name, origin);
        });
        return new Config(v, o);
    }

    private static ConfigKey known(String origin, String name) {
        ConfigKey key = ConfigKeys.named(name);
        if (key == null) {
            String problem = origin + ": unknown config key '" + name + "'";
            throw Names.closest(
                            name, ConfigKeys.all().stream().map(ConfigKey::name).toList())
                    .map(c -> FanoutException.badInput(problem + " (did you mean '" + c + "'?)"))
                    .orElseGet(() -> FanoutException.badInput(
                            problem, Hint.command("config", "show").before("; ").after(" lists the keys")));
        }
        return key;
    }

    /** The value of a key. */
    public Object get(ConfigKey key) {
        return values.get(key.name());
    }

    /** Where the value of a key came from ("default", a file path, "flag", "session"). */
    public String origin(ConfigKey key) {
        return origins.get(key.name());
    }

    public boolean enabled() {
        return (Boolean) get(ConfigKeys.ENABLED);
    }

    public int minTasksForParallel() {
        return (Integer) get(ConfigKeys.MIN_TASKS_FOR_PARALLEL);
    }

    public double minSpeedupThreshold() {
        return number(ConfigKeys.MIN_SPEEDUP_THRESHOLD);
    }

    public double mixedSpeedupThreshold() {
        return number(ConfigKeys.MIXED_SPEEDUP_THRESHOLD);
    }

    public int maxParallelTasks() {
        return (Integer) get(ConfigKeys.MAX_PARALLEL_TASKS);
    }

    public double taskTimeoutSeconds() {
        return number(ConfigKeys.TASK_TIMEOUT_SECONDS);
    }

    public boolean autoCreateTempResources() {
        return (Boolean) get(ConfigKeys.AUTO_CREATE_TEMP_RESOURCES);
    }

    public boolean autoCleanupTempResources() {
        return (Boolean) get(ConfigKeys.AUTO_CLEANUP_TEMP_RESOURCES);
    }

    public int tempResourceRetentionDays() {
        return (Integer) get(ConfigKeys.TEMP_RESOURCE_RETENTION_DAYS);
    }

    public int maxRetries() {
        return (Integer) get(ConfigKeys.MAX_RETRIES);
    }

    public double backoffBaseSeconds() {
        return number(ConfigKeys.BACKOFF_BASE_SECONDS);
    }

    public double maxBackoffSeconds() {
        return number(ConfigKeys.MAX_BACKOFF_SECONDS);
    }

    @SuppressWarnings("unchecked")
    public List<String> agentCommand() {
        return (List<String>) get(ConfigKeys.AGENT_COMMAND);
    }

    @SuppressWarnings("unchecked")
    public List<String> agentDirs() {
        return (List<String>) get(ConfigKeys.AGENT_DIRS);
    }

    @SuppressWarnings("unchecked")
    public List<String> skillDirs() {
        return (List<String>) get(ConfigKeys.SKILL_DIRS);
    }

    /** Names of task env variables that are secret besides those that look it ({@code secret_env}). */
    @SuppressWarnings("unchecked")
    public List<String> secretEnv() {
        return (List<String>) get(ConfigKeys.SECRET_ENV);
    }

    @SuppressWarnings("unchecked")
    public List<String> clusterMembers() {
        return (List<String>) get(ConfigKeys.CLUSTER_MEMBERS);
    }

    public boolean allowJava() {
        return (Boolean) get(ConfigKeys.ALLOW_JAVA);
    }

    public double scriptTimeLimitSeconds() {
        return number(ConfigKeys.SCRIPT_TIME_LIMIT_SECONDS);
    }

    public int scriptMemoryMb() {
        return ((Number) get(ConfigKeys.SCRIPT_MEMORY_MB)).intValue();
    }

    public String isolation() {
        return (String) get(ConfigKeys.ISOLATION);
    }

    public boolean keepWorktrees() {
        return (Boolean) get(ConfigKeys.KEEP_WORKTREES);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Integer> pools() {
        return (Map<String, Integer>) get(ConfigKeys.POOLS);
    }

    /** Dollars a run's agents may spend before no new agent task starts; 0 for no limit. */
    public double maxCostUsd() {
        return number(ConfigKeys.MAX_COST_USD);
    }

    public boolean autosave() {
        return (Boolean) get(ConfigKeys.AUTOSAVE);
    }

    public boolean cache() {
        return (Boolean) get(ConfigKeys.CACHE);
    }

    private double number(ConfigKey key) {
        return ((Number) get(key)).doubleValue();
    }
}
