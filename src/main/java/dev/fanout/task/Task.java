package dev.fanout.task;

import dev.fanout.Location;
import java.util.List;
import java.util.Map;

/**
 * One task as a tasks file describes it. Exactly one of {@code command}, {@code agent} with
 * {@code prompt}, or {@code script} says how it runs; a task with none can be analysed but not run.
 *
 * @param estimatedSeconds null when the file gives no estimate (analysis counts one unit)
 * @param timeoutSeconds null for the configured default
 * @param retries null for the configured default
 * @param position where the task starts in its file, or null for a task added by hand
 * @param limits memory and processor limits for its processes (never null)
 * @param caching outputs, env_inputs and cache: what the result cache needs beyond inputs
 * @param isolation "worktree" to run in a git worktree of its own, "none" not to, or null for the config's default
 * @param base the commit a worktree task starts from (null: HEAD)
 * @param pool the concurrency pool it counts against (config {@code pools}), or null
 * @param requires labels a cluster worker must have to run it ({@code gpu: "1"}); empty for any
 */
public record Task(
        String id,
        String type,
        String description,
        List<String> dependsOn,
        Double estimatedSeconds,
        TaskCommand command,
        String agent,
        String prompt,
        String script,
        String cwd,
        Map<String, String> env,
        Double timeoutSeconds,
        Integer retries,
        List<Integer> noRetryExitCodes,
        List<String> inputs,
        Location position,
        TaskLimits limits,
        Caching caching,
        String isolation,
        String base,
        String pool,
        Map<String, String> requires) {

    /** How a task runs. */
    public enum Kind {
        COMMAND,
        AGENT,
        SCRIPT,
        NONE
    }

    public Task {
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        env = env == null ? Map.of() : Map.copyOf(env);
        noRetryExitCodes = noRetryExitCodes == null ? List.of() : List.copyOf(noRetryExitCodes);
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        limits = limits == null ? TaskLimits.NONE : limits;
        caching = caching == null ? Caching.NONE : caching;
        requires = requires == null ? Map.of() : Map.copyOf(requires);
    }

    /** A task without limits. */
    public Task(
            String id,
            String type,
            String description,
            List<String> dependsOn,
            Double estimatedSeconds,
            TaskCommand command,
            String agent,
            String prompt,
            String script,
            String cwd,
            Map<String, String> env,
            Double timeoutSeconds,
            Integer retries,
            List<Integer> noRetryExitCodes,
            List<String> inputs,
            Location position) {
        this(
                id,
                type,
                description,
                dependsOn,
                estimatedSeconds,
                command,
                agent,
                prompt,
                script,
                cwd,
                env,
                timeoutSeconds,
                retries,
                noRetryExitCodes,
                inputs,
                position,
                TaskLimits.NONE,
                Caching.NONE,
                null,
                null,
                null,
                null);
    }

    /**
     * Whether the result cache may serve this task: as its {@code cache} field says, else when it
     * declares inputs and the configuration's {@code cache} is on.
     */
    public boolean cacheable(boolean configDefault) {
        return caching.cache() != null ? caching.cache() : configDefault && !inputs.isEmpty();
    }

    /** A task that runs a shell command line, as {@code task add} makes. */
    public static Task ofCommand(String id, String commandLine, List<String> dependsOn) {
        return new Task(
                id,
                null,
                null,
                dependsOn,
                null,
                TaskCommand.shell(commandLine),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    public Kind kind() {
        if (command != null) {
            return Kind.COMMAND;
        }
        if (agent != null) {
            return Kind.AGENT;
        }
        if (script != null) {
            return Kind.SCRIPT;
        }
        return Kind.NONE;
    }

    /**
     * Whether a {@code script} value names a {@code .js} file rather than holding a function's
     * source: one line ending in ".js" with nothing of code in it.
     */
    /** The largest estimate a task may give, so that sums over many tasks stay finite. */
    public static final double MAX_ESTIMATE_SECONDS = 1e9;

    public static boolean isScriptFile(String script) {
        String s = script.strip();
        return s.endsWith(".js") && s.indexOf('\n') < 0 && !s.contains("(") && !s.contains("{") && !s.contains("=>");
    }

    /** The type, or "untyped" when the file gives none. */
    public String typeOrDefault() {
        return type == null || type.isBlank() ? "untyped" : type;
    }

    /** The estimate, or one unit when the file gives none. */
    public double estimateOrUnit() {
        return estimatedSeconds == null ? 1.0 : estimatedSeconds;
    }

    /** This task with other dependencies. */
    public Task withDependsOn(List<String> deps) {
        return new Task(
                id,
                type,
                description,
                deps,
                estimatedSeconds,
                command,
                agent,
                prompt,
                script,
                cwd,
                env,
                timeoutSeconds,
                retries,
                noRetryExitCodes,
                inputs,
                position,
                limits,
                caching,
                isolation,
                base,
                pool,
                requires);
    }

    /** This task run in another folder (its worktree). */
    public Task withCwd(String folder) {
        return new Task(
                id,
                type,
                description,
                dependsOn,
                estimatedSeconds,
                command,
                agent,
                prompt,
                script,
                folder,
                env,
                timeoutSeconds,
                retries,
                noRetryExitCodes,
                inputs,
                position,
                limits,
                caching,
                isolation,
                base,
                pool,
                requires);
    }

    /** This task counted against another concurrency pool (its agent's). */
    public Task withPool(String newPool) {
        return new Task(
                id,
                type,
                description,
                dependsOn,
                estimatedSeconds,
                command,
                agent,
                prompt,
                script,
                cwd,
                env,
                timeoutSeconds,
                retries,
                noRetryExitCodes,
                inputs,
                position,
                limits,
                caching,
                isolation,
                base,
                newPool,
                requires);
    }

    /** This task with another environment (secrets masked, or given back). */
    public Task withEnv(Map<String, String> newEnv) {
        return new Task(
                id,
                type,
                description,
                dependsOn,
                estimatedSeconds,
                command,
                agent,
                prompt,
                script,
                cwd,
                newEnv,
                timeoutSeconds,
                retries,
                noRetryExitCodes,
                inputs,
                position,
                limits,
                caching,
                isolation,
                base,
                pool,
                requires);
    }

    /** Where something is in a file, for messages: {@code tasks.json:12:5}. */
}
