package dev.fanout.exec;

import dev.fanout.task.Task;
import java.io.IOException;

/**
 * Settles a task that is about to start without running it (a results cache, say). Asked on a
 * launcher thread once the task's dependencies have all succeeded and it holds a slot, so a
 * lookup may take time without holding up the scheduler.
 */
public interface Resolver {
    /** Runs every task. */
    Resolver NONE = (task, context) -> null;

    /**
     * @param context the attempt the task would run as (its folder exists: copy logs and result.json there)
     * @return the result to record instead of running the task, which counts as a success for its
     *     dependents; or null to run it
     * @throws IOException when the lookup fails; the task then runs
     */
    Resolution resolve(Task task, AttemptContext context) throws IOException;

    /**
     * A task this resolver let run has succeeded: its logs and result.json are in the context's
     * folder, its outputs in its cwd. Called on the scheduler's thread before any dependent can
     * start, so that what is kept is what the task left, not what a dependent made of it.
     *
     * @param seconds how long its successful attempt took
     */
    default void succeeded(Task task, AttemptContext context, double seconds) {}

    /**
     * A task settled without running.
     *
     * @param result its structured result, or null
     * @param reason why it did not run, in words ("cached from run 20260101-…")
     * @param cached where a cached result came from, or null
     */
    record Resolution(com.fasterxml.jackson.databind.JsonNode result, String reason, CacheNote cached) {
        public Resolution(com.fasterxml.jackson.databind.JsonNode result, String reason) {
            this(result, reason, null);
        }
    }
}
