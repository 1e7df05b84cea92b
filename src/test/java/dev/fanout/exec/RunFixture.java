package dev.fanout.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.config.Config;
import dev.fanout.graph.TaskGraph;
import dev.fanout.task.Task;
import dev.fanout.task.TaskFileReader;
import dev.fanout.task.TaskSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs tasks written as a tasks file's JSON through a real {@link Run}: real processes, a real
 * run folder under a temporary home. Tests build tasks with {@link #task} and {@link #file}.
 */
public final class RunFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;

    public RunFixture(Path home) {
        this.home = home;
    }

    /** A task running {@code command} under {@code sh -c}. */
    public static ObjectNode task(String id, String command, String... dependsOn) {
        ObjectNode t = JSON.createObjectNode();
        t.put("id", id);
        t.put("command", command);
        if (dependsOn.length > 0) {
            ArrayNode deps = t.putArray("depends_on");
            for (String d : dependsOn) {
                deps.add(d);
            }
        }
        return t;
    }

    /** A task running {@code argv} with no shell. */
    public static ObjectNode argvTask(String id, List<String> argv) {
        ObjectNode t = JSON.createObjectNode();
        t.put("id", id);
        ArrayNode a = t.putArray("command");
        argv.forEach(a::add);
        return t;
    }

    /** A tasks file: {@code {"config": config, "tasks": [...]}}; config may be null. */
    public static ObjectNode file(ObjectNode config, ObjectNode... tasks) {
        ObjectNode f = JSON.createObjectNode();
        if (config != null) {
            f.set("config", config);
        }
        ArrayNode list = f.putArray("tasks");
        for (ObjectNode t : tasks) {
            list.add(t);
        }
        return f;
    }

    /** A task printing a JSON result, one failing with exit 3 and one that depends on it, with a task timeout. */
    public static ObjectNode resultFailureAndSkip() {
        return file(
                config("task_timeout_seconds", 30, "max_retries", 0),
                task("a", "echo '{\"n\": 1.25}'"),
                task("b", "echo oops >&2; exit 3"),
                task("c", "true", "b"));
    }

    /** A config object from alternating keys and values. */
    public static ObjectNode config(Object... keysAndValues) {
        ObjectNode c = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            c.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
        }
        return c;
    }

    /** Writes a tasks file. */
    public static Path write(Path file, ObjectNode tasksFile) throws IOException {
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tasksFile));
        return file;
    }

    /** A path quoted for a shell line built by a test (never by fanout). */
    public static String q(Path p) {
        return "'" + p.toString().replace("'", "'\\''") + "'";
    }

    /** Whether a program is on the PATH, for tests that compare with a tool or need one. */
    public static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    public static RunOptions parallel(int jobs) {
        return new RunOptions(jobs, true, HaltPolicy.NEVER, OutputMode.GROUP, null);
    }

    public static RunOptions sequential() {
        return new RunOptions(1, false, HaltPolicy.NEVER, OutputMode.GROUP, null);
    }

    public RunStore store() {
        return new RunStore(home.resolve("runs"));
    }

    /** Runs a tasks file's content to its end with the given options. */
    public RunRecord run(ObjectNode tasksFile, RunOptions options) {
        return prepare(tasksFile, options, RunListener.NONE).execute();
    }

    /** Prepares a run (folder and first record) without starting it. */
    public Run prepare(ObjectNode tasksFile, RunOptions options, RunListener listener) {
        return prepare(tasksFile, options, listener, new CommandRunner());
    }

    /** Prepares a run whose command tasks go to {@code runner}. */
    Run prepare(ObjectNode tasksFile, RunOptions options, RunListener listener, TaskRunner runner) {
        return prepare(tasksFile, options, listener, runner, Resolver.NONE);
    }

    /** Prepares a run whose command tasks go to {@code runner}, each asked of {@code resolver} first. */
    Run prepare(ObjectNode tasksFile, RunOptions options, RunListener listener, TaskRunner runner, Resolver resolver) {
        TaskSet set = parse(tasksFile);
        Config config = Config.defaults().withJson("tasks.json", set.config());
        return Run.prepare(
                store(),
                TaskGraph.of(set),
                config,
                options,
                "test",
                1.0,
                Map.of(Task.Kind.COMMAND, runner),
                listener,
                Map.of(),
                resolver);
    }

    static TaskSet parse(ObjectNode tasksFile) {
        byte[] bytes = tasksFile.toString().getBytes(StandardCharsets.UTF_8);
        return new TaskFileReader().read("tasks.json", new ByteArrayInputStream(bytes), false);
    }
}
