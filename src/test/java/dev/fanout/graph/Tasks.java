package dev.fanout.graph;

import dev.fanout.task.Task;
import dev.fanout.task.TaskSet;
import java.util.List;

/** Small task sets for graph tests. */
final class Tasks {
    private Tasks() {}

    /** A task of no type with an estimate (null for none) and dependencies. */
    static Task task(String id, Double seconds, String... dependsOn) {
        return typed(id, null, seconds, dependsOn);
    }

    static Task typed(String id, String type, Double seconds, String... dependsOn) {
        return new Task(
                id,
                type,
                null,
                List.of(dependsOn),
                seconds,
                null,
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

    static TaskSet set(Task... tasks) {
        return TaskSet.of("test", List.of(tasks));
    }

    static TaskGraph graph(Task... tasks) {
        return TaskGraph.of(set(tasks));
    }

    /** A chain t0 <- t1 <- … of {@code n} one-second tasks; with {@code closed}, t0 also depends on the last. */
    static TaskSet chain(int n, boolean closed) {
        Task[] tasks = new Task[n];
        for (int i = 0; i < n; i++) {
            String[] deps =
                    i > 0 ? new String[] {"t" + (i - 1)} : closed ? new String[] {"t" + (n - 1)} : new String[0];
            tasks[i] = task("t" + i, 1.0, deps);
        }
        return new TaskSet("chain", List.of(tasks), null, null);
    }
}
