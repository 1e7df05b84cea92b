package dev.fanout.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.FanoutException;
import dev.fanout.LocatedException;
import dev.fanout.Location;
import dev.fanout.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The tasks of one file (or of a session), in file order, with the file's own {@code config}
 * settings. Every id is unique and every dependency names a task of the set.
 *
 * @param source where the tasks came from ("tasks.json", or "session")
 * @param config the file's {@code config} object, or null
 * @param configPositions where each config key stands in the file, for messages
 */
public final class TaskSet {
    private final String source;
    private final List<Task> tasks;
    private final JsonNode config;
    private final Map<String, Location> configPositions;
    /** Ids to positions, built on the first lookup: a lookup per task must not scan the set. */
    private volatile IdIndex index;
    /** Every task's dependencies by number, end to end; found once, when the set is validated. */
    private volatile int[] dependencyNumbers;

    public TaskSet(String source, List<Task> tasks, JsonNode config, Map<String, Location> configPositions) {
        this.source = source;
        this.tasks = List.copyOf(tasks);
        this.config = config;
        this.configPositions = configPositions == null ? Map.of() : Map.copyOf(configPositions);
    }

    public String source() {
        return source;
    }

    public List<Task> tasks() {
        return tasks;
    }

    public JsonNode config() {
        return config;
    }

    public Map<String, Location> configPositions() {
        return configPositions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskSet t
                && Objects.equals(source, t.source)
                && tasks.equals(t.tasks)
                && Objects.equals(config, t.config)
                && configPositions.equals(t.configPositions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, tasks, config, configPositions);
    }

    @Override
    public String toString() {
        return "TaskSet[" + source + ", " + tasks.size() + " tasks]";
    }

    /** The index of ids to positions; a set with a repeated id keeps the first. */
    private IdIndex index() {
        IdIndex i = index;
        if (i == null) {
            i = new IdIndex(tasks.size());
            for (int k = 0; k < tasks.size(); k++) {
                i.putIfAbsent(tasks.get(k).id(), k);
            }
            index = i;
        }
        return i;
    }

    public static TaskSet empty(String source) {
        return new TaskSet(source, List.of(), null, Map.of());
    }

    /** Builds a set and checks its ids and dependencies. */
    public static TaskSet of(String source, List<Task> tasks) {
        TaskSet set = new TaskSet(source, tasks, null, Map.of());
        set.validateReferences();
        return set;
    }

    public int size() {
        return tasks.size();
    }

    public boolean isEmpty() {
        return tasks.isEmpty();
    }

    public List<String> ids() {
        return tasks.stream().map(Task::id).toList();
    }

    /** The position of the task {@code id} in {@link #tasks()}, or -1. */
    public int indexOf(String id) {
        return index().indexOf(id);
    }

    /**
     * Each task's dependencies as positions in {@link #tasks()}: the tasks' {@code depends_on}
     * lists end to end, in file order; -1 for an id that is not in the set (a validated set has
     * none). The graph is built from these rather than looking every id up again.
     */
    public int[] dependencyNumbers() {
        int[] numbers = dependencyNumbers;
        if (numbers == null) {
            IdIndex index = index();
            int count = 0;
            for (Task t : tasks) {
                count += t.dependsOn().size();
            }
            numbers = new int[count];
            int k = 0;
            for (Task t : tasks) {
                for (String dep : t.dependsOn()) {
                    numbers[k++] = index.indexOf(dep);
                }
            }
            dependencyNumbers = numbers;
        }
        return numbers.clone();
    }

    public Optional<Task> find(String id) {
        int i = index().indexOf(id);
        return i < 0 ? Optional.empty() : Optional.of(tasks.get(i));
    }

    /** The task of that id, or a bad-input error suggesting the closest id. */
    public Task get(String id) {
        // not a LocatedException: the id was asked for, so the file is not where the mistake is
        return find(id).orElseThrow(() -> FanoutException.badInput("no task '" + id + "'" + hint(id, ids())));
    }

    /**
     * Checks what a run needs before it starts: every task (but those in {@code reused}) has
     * something to run, and a {@code cwd} that is a folder, unless a dependency may create it.
     *
     * @throws FanoutException (bad input) naming the first task that cannot run and why
     */
    public void checkRunnable(Set<String> reused) {
        // tasks share a few folders (most the file's own): each is asked of the file system once
        Set<String> folders = new HashSet<>();
        for (Task t : tasks) {
            if (reused.contains(t.id())) {
                continue;
            }
            if (t.kind() == Task.Kind.NONE) {
                throw at(
                        t,
                        "task '" + t.id()
                                + "' has nothing to run; give it a command, an agent and prompt, or a script");
            }
            if (t.cwd() != null
                    && t.dependsOn().isEmpty()
                    && !folders.contains(t.cwd())
                    && !isFolder(t.cwd(), folders)) {
                throw at(
                        t,
                        "task '" + t.id() + "': cwd " + t.cwd()
                                + (Files.exists(Path.of(t.cwd())) ? " is not a folder" : " does not exist")
                                + "; create it, or correct the path (relative to the tasks file's folder)");
            }
        }
    }

    private static boolean isFolder(String path, Set<String> folders) {
        boolean folder = Files.isDirectory(Path.of(path));
        if (folder && folders.size() < 1024) {
            folders.add(path);
        }
        return folder;
    }

    /**
     * This set with {@code more} added at the end.
     *
     * @throws LocatedException when an id is taken or a dependency is unknown
     */
    public TaskSet plus(List<Task> more) {
        List<Task> all = new ArrayList<>(tasks);
        all.addAll(more);
        TaskSet set = new TaskSet(source, all, config, configPositions);
        set.validateReferences();
        return set;
    }

    /**
     * This set without the task {@code id}.
     *
     * @throws LocatedException when the task does not exist or others depend on it
     */
    public TaskSet minus(String id) {
        get(id);
        List<String> dependents = tasks.stream()
                .filter(t -> t.dependsOn().contains(id))
                .map(Task::id)
                .toList();
        if (!dependents.isEmpty()) {
            throw LocatedException.tasksFile(
                    source,
                    0,
                    0,
                    "task '" + id + "' is needed by " + String.join(", ", dependents) + "; remove those first");
        }
        return new TaskSet(
                source, tasks.stream().filter(t -> !t.id().equals(id)).toList(), config, configPositions);
    }

    /**
     * Checks that ids are unique and that every dependency names another task of the set.
     * Cycles are the graph's to find.
     *
     * @throws LocatedException naming the task, with the closest id when a dependency is misspelt
     */
    public void validateReferences() {
        IdIndex index = new IdIndex(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            int earlier = index.putIfAbsent(task.id(), i);
            if (earlier >= 0) {
                Location first = tasks.get(earlier).position();
                throw at(
                        task,
                        "duplicate task id '" + task.id() + "'"
                                + (first == null
                                        ? ""
                                        : task.position() == null
                                                ? " (first at " + first + ")"
                                                : " (first at line " + first.line() + ")")
                                + "; ids must be unique");
            }
        }
        this.index = index;
        int edges = 0;
        for (Task task : tasks) {
            edges += task.dependsOn().size();
        }
        int[] numbers = new int[edges];
        int k = 0;
        for (Task task : tasks) {
            String twice = repeated(task.dependsOn());
            if (twice != null) {
                throw at(task, "task '" + task.id() + "' lists '" + twice + "' twice in depends_on; remove one");
            }
            for (String dep : task.dependsOn()) {
                if (dep.equals(task.id())) {
                    throw at(
                            task,
                            "task '" + task.id() + "' depends on itself; remove '" + dep + "' from its depends_on");
                }
                int number = index.indexOf(dep);
                if (number < 0) {
                    throw at(task, "task '" + task.id() + "' depends on unknown task '" + dep + "'" + hint(dep, ids()));
                }
                numbers[k++] = number;
            }
        }
        this.dependencyNumbers = numbers;
    }

    /** The first entry that appears twice, or null. */
    private static String repeated(List<String> list) {
        if (list.size() <= 8) {
            for (int i = 1; i < list.size(); i++) {
                if (list.subList(0, i).contains(list.get(i))) {
                    return list.get(i);
                }
            }
            return null;
        }
        Set<String> seen = new HashSet<>();
        return list.stream().filter(d -> !seen.add(d)).findFirst().orElse(null);
    }

    /** An error at the task's place in its file; a task added by hand has none, and no file is blamed. */
    private FanoutException at(Task task, String problem) {
        Location p = task.position();
        return p == null
                ? FanoutException.badInput(problem)
                : LocatedException.tasksFile(p.file(), p.line(), p.column(), problem);
    }

    private static String hint(String name, java.util.Collection<String> known) {
        return Names.closest(name, known)
                .map(c -> "; did you mean '" + c + "'?")
                .orElse("");
    }

    /** Tasks by id, in file order. */
    public Map<String, Task> byId() {
        Map<String, Task> map = new LinkedHashMap<>();
        tasks.forEach(t -> map.put(t.id(), t));
        return Collections.unmodifiableMap(map);
    }
}
