package dev.fanout.task;

import dev.fanout.LocatedException;
import dev.fanout.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code repeat: N} as the loader expands it: task {@code ID} becomes N independent tasks
 * {@code ID.1} … {@code ID.N}, alike but for their id and two variables ({@code FANOUT_REPEAT}, the
 * copy's number; {@code FANOUT_REPEAT_OF}, the task's id), which also tell a merge which tasks are
 * copies of one. A task that depends on {@code ID} depends on every copy. The scheduler and the
 * plan never hear of repeats: copies are plain tasks, each with its own worktree, branch and record.
 */
final class Repeats {
    /** The most copies a task may ask for. */
    static final int MAX = 100;

    static final String NUMBER = "FANOUT_REPEAT";
    static final String OF = "FANOUT_REPEAT_OF";

    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, Location> where = new HashMap<>();

    /** Notes a task's {@code repeat} (1 for none). */
    void add(Task task, int n, Location at) {
        if (n > 1) {
            counts.put(task.id(), n);
            where.put(task.id(), at);
        }
    }

    /**
     * The tasks with each repeated one replaced by its copies, and dependencies on it by
     * dependencies on them.
     *
     * @throws LocatedException when a copy's id is taken by another task of the file
     */
    List<Task> expand(List<Task> tasks) {
        if (counts.isEmpty()) {
            return tasks;
        }
        Map<String, Task> byId = new HashMap<>();
        tasks.forEach(t -> byId.putIfAbsent(t.id(), t));
        List<Task> out = new ArrayList<>();
        for (Task t : tasks) {
            Integer n = counts.get(t.id());
            Task rewired = t.withDependsOn(dependencies(t.dependsOn()));
            if (n == null) {
                out.add(rewired);
                continue;
            }
            for (int i = 1; i <= n; i++) {
                String id = copyId(t.id(), i);
                if (byId.containsKey(id)) {
                    Location at = where.get(t.id());
                    throw LocatedException.tasksFile(
                            at.file(),
                            at.line(),
                            at.column(),
                            "task '" + t.id() + "': repeat makes the task '" + id
                                    + "', but the file has a task of that id already; rename one of them");
                }
                Map<String, String> env = new LinkedHashMap<>(rewired.env());
                env.put(NUMBER, Integer.toString(i));
                env.put(OF, t.id());
                out.add(copy(rewired.withEnv(env), id));
            }
        }
        return out;
    }

    static String copyId(String id, int i) {
        return id + "." + i;
    }

    private List<String> dependencies(List<String> deps) {
        List<String> out = null;
        for (int k = 0; k < deps.size(); k++) {
            Integer n = counts.get(deps.get(k));
            if (n != null) {
                if (out == null) {
                    out = new ArrayList<>(deps.subList(0, k));
                }
                for (int i = 1; i <= n; i++) {
                    out.add(copyId(deps.get(k), i));
                }
            } else if (out != null) {
                out.add(deps.get(k));
            }
        }
        return out == null ? deps : out;
    }

    private static Task copy(Task t, String id) {
        return new Task(
                id,
                t.type(),
                t.description(),
                t.dependsOn(),
                t.estimatedSeconds(),
                t.command(),
                t.agent(),
                t.prompt(),
                t.script(),
                t.cwd(),
                t.env(),
                t.timeoutSeconds(),
                t.retries(),
                t.noRetryExitCodes(),
                t.inputs(),
                t.position(),
                t.limits(),
                t.caching(),
                t.isolation(),
                t.base(),
                t.pool(),
                t.requires());
    }
}
