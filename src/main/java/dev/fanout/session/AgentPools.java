package dev.fanout.session;

import dev.fanout.FanoutException;
import dev.fanout.agent.AgentDefinition;
import dev.fanout.agent.Resources;
import dev.fanout.task.Task;
import dev.fanout.task.TaskSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An agent's {@code pool} given to its tasks that name none (a task's own {@code pool} wins). */
final class AgentPools {
    private AgentPools() {}

    /** The tasks, each agent task without a pool in its agent's pool; the same set when nothing changes. */
    static TaskSet apply(TaskSet tasks, Resources resources) {
        Map<String, Optional<String>> poolOfAgent = new HashMap<>();
        List<Task> out = null;
        List<Task> all = tasks.tasks();
        for (int i = 0; i < all.size(); i++) {
            Task t = all.get(i);
            if (t.agent() == null || t.pool() != null) {
                continue;
            }
            Optional<String> pool = poolOfAgent.computeIfAbsent(t.agent(), name -> poolOf(resources, name));
            if (pool.isPresent()) {
                if (out == null) {
                    out = new ArrayList<>(all);
                }
                out.set(i, t.withPool(pool.get()));
            }
        }
        return out == null ? tasks : new TaskSet(tasks.source(), out, tasks.config(), tasks.configPositions());
    }

    /** Whether the task's pool came from its agent rather than from the task as given. */
    static boolean fromAgent(TaskSet given, Task t) {
        if (given == null || t.agent() == null) {
            return false;
        }
        return given.find(t.id()).map(before -> before.pool() == null).orElse(false);
    }

    private static Optional<String> poolOf(Resources resources, String agent) {
        try {
            return resources.catalog().findAgent(agent).map(AgentDefinition::pool);
        } catch (FanoutException e) {
            return Optional.empty(); // a damaged agent file: the task's launch says what is wrong
        }
    }
}
