package dev.fanout.cache;

import dev.fanout.task.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Works out tasks' keys for one run. Input files are read through one {@link FileHashes}, so a
 * file many tasks name is read once.
 */
public final class TaskKeys implements AutoCloseable {
    private final Function<Task, String> work;
    private final Map<String, String> environment;
    private final FileHashes hashes;
    /** The manifests this run worked out, by key: kept with an entry, for "why did it miss". */
    private final Map<String, KeyManifest> manifests = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param work the content of a task's work as text (its command; an agent's definition and
     *     the prompt; a script's source), see {@link #plainWork}
     * @param environment the environment tasks inherit, for env_inputs
     */
    public TaskKeys(Function<Task, String> work, Map<String, String> environment) {
        this(work, environment, new FileHashes());
    }

    TaskKeys(Function<Task, String> work, Map<String, String> environment, FileHashes hashes) {
        this.work = work;
        this.environment = Map.copyOf(environment);
        this.hashes = hashes;
    }

    /** A task's work as the task alone describes it (no agent file or script file read). */
    public static String plainWork(Task t) {
        return switch (t.kind()) {
            case COMMAND ->
                t.command().isShell()
                        ? "sh -c\0" + t.command().shellLine()
                        : "argv\0" + String.join("\0", t.command().argv());
            case AGENT -> "agent\0" + t.agent() + "\0" + t.prompt();
            case SCRIPT -> "script\0" + t.script();
            case NONE -> "none";
        };
    }

    /** A task's key, or why it has none this run. */
    public record Keyed(String key, KeyManifest manifest, List<String> warnings, String uncacheable) {
        public boolean hasKey() {
            return key != null;
        }
    }

    /** The folder a task runs in, absolute. */
    public static Path cwdOf(Task t) {
        return Path.of(t.cwd() == null ? "" : t.cwd()).toAbsolutePath().normalize();
    }

    /**
     * The task's key.
     *
     * @param dependencyKeys the keys of the task's dependencies, by id; a dependency absent or
     *     mapped to null had none, so neither has this task (its result may have changed unseen)
     */
    public Keyed keyOf(Task task, Map<String, String> dependencyKeys) {
        List<String> warnings = new ArrayList<>();
        for (String d : task.dependsOn()) {
            if (dependencyKeys.get(d) == null) {
                return new Keyed(null, null, warnings, "dependency " + d + " is not cached");
            }
        }
        Path cwd = cwdOf(task);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", task.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("work", Sha256.hex(work.apply(task)));
        m.put("cwd", Sha256.hex(cwd.toString()));
        m.put("outputs", Sha256.hex(String.join("\0", task.caching().outputs())));
        new TreeMap<>(task.env()).forEach((k, v) -> m.put("env " + k, Sha256.hex(v)));
        for (String name : new TreeSet<>(task.caching().envInputs())) {
            String v = environment.get(name);
            m.put("env_input " + name, v == null ? "unset" : Sha256.hex(v));
        }
        Globs.Expansion inputs = Globs.expand(cwd, task.inputs());
        if (inputs.failure() != null) {
            warnings.add("task " + task.id() + ": " + inputs.failure() + "; it runs uncached");
            return new Keyed(null, null, warnings, inputs.failure());
        }
        inputs.unmatched().forEach(g -> warnings.add("task " + task.id() + ": input '" + g + "' matches no file"));
        List<String> names = new ArrayList<>(inputs.files().keySet());
        List<String> digests;
        try {
            digests = hashes.of(new ArrayList<>(inputs.files().values()));
        } catch (IOException e) {
            String why = "an input cannot be read (" + Globs.describe(e) + ")";
            warnings.add("task " + task.id() + ": " + why + "; it runs uncached");
            return new Keyed(null, null, warnings, why);
        }
        for (int i = 0; i < names.size(); i++) {
            m.put("input " + names.get(i), digests.get(i));
        }
        for (String id : new TreeSet<>(task.dependsOn())) {
            m.put("dependency " + id, dependencyKeys.get(id));
        }
        KeyManifest manifest = new KeyManifest(m);
        String key = manifest.key();
        manifests.put(key, manifest);
        return new Keyed(key, manifest, warnings, null);
    }

    /** The manifest of a key this run worked out, or null. */
    KeyManifest manifestOf(String key) {
        return manifests.get(key);
    }

    @Override
    public void close() {
        hashes.close();
    }
}
