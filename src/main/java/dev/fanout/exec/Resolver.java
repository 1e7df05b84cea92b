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
     * A task settled without running.
     *
     * @param result its structured result, or null
     * @param reason why it did not run, in words ("cached from run 20260101-…")
     */
    record Resolution(com.fasterxml.jackson.databind.JsonNode result, String reason) {}
}
