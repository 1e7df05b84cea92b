package dev.fanout.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.Json;
import dev.fanout.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** The result cache of one run, kept in a {@link CacheStore}. */
public final class FolderResultCache implements ResultCache, AutoCloseable {
    private static final List<String> LOGS = List.of("stdout.log", "stderr.log", "result.json");

    private final CacheStore store;
    private final TaskKeys keys;
    private final boolean configDefault;
    private final Set<String> forced;
    /** Once the cache could not be written, this run stops trying (one warning, not one per task). */
    private final AtomicBoolean cannotStore = new AtomicBoolean();

    /**
     * @param configDefault the configuration's {@code cache}: whether tasks that declare inputs
     *     are cached unless they say otherwise
     * @param forced ids of tasks to rerun whatever the cache holds (their result then replaces the entry)
     */
    public FolderResultCache(CacheStore store, TaskKeys keys, boolean configDefault, Set<String> forced) {
        this.store = store;
        this.keys = keys;
        this.configDefault = configDefault;
        this.forced = Set.copyOf(forced);
    }

    @Override
    public Lookup lookup(Task task, Map<String, String> dependencyKeys, Path taskDir) {
        if (!task.cacheable(configDefault)) {
            return new Lookup(null, null, "not cached (no inputs, or cache: false)", List.of());
        }
        TaskKeys.Keyed k = keys.keyOf(task, dependencyKeys);
        List<String> warnings = new ArrayList<>(k.warnings());
        if (!k.hasKey()) {
            return new Lookup(null, null, k.uncacheable(), warnings);
        }
        if (forced.contains(task.id())) {
            return new Lookup(k.key(), null, "--force", warnings);
        }
        CacheEntry entry;
        try {
            entry = store.read(k.key());
        } catch (IOException e) {
            warnings.add(damaged(task, k.key(), e));
            return new Lookup(k.key(), null, "its cache entry was damaged", warnings);
        }
        if (entry == null) {
            return new Lookup(k.key(), null, "no entry for its key", warnings);
        }
        try {
            store.restore(k.key(), placements(task, entry, taskDir));
        } catch (IOException e) {
            warnings.add(damaged(task, k.key(), e));
            return new Lookup(k.key(), null, "its cache entry was damaged", warnings);
        }
        JsonNode result = null;
        if (entry.logs().containsKey("result.json")) {
            try {
                result = Json.mapper().readTree(taskDir.resolve("result.json").toFile());
            } catch (IOException e) {
                warnings.add("task " + task.id() + ": its cached result.json is not JSON; it counts as no result");
            }
        }
        return new Lookup(k.key(), new Hit(k.key(), entry.runId(), entry.seconds(), result), null, warnings);
    }

    private String damaged(Task task, String key, IOException e) {
        try {
            store.remove(key);
        } catch (IOException ignored) {
            // a read-only cache keeps it; every lookup checks it again
        }
        return "task " + task.id() + ": cache entry " + key.substring(0, 12) + " is damaged (" + e.getMessage()
                + "); it was not used, and the task runs";
    }

    private static List<CacheStore.Placement> placements(Task task, CacheEntry entry, Path taskDir) throws IOException {
        Path cwd = TaskKeys.cwdOf(task);
        List<CacheStore.Placement> out = new ArrayList<>();
        for (var e : entry.logs().entrySet()) {
            if (!LOGS.contains(e.getKey())) {
                throw new IOException("it names an unknown log " + e.getKey());
            }
            out.add(new CacheStore.Placement(e.getValue(), taskDir.resolve(e.getKey())));
        }
        for (CacheEntry.StoredFile f : entry.outputs()) {
            Path target = cwd.resolve(f.path()).normalize();
            if (!target.startsWith(cwd) || target.equals(cwd)) {
                throw new IOException("it names an output outside the task's cwd: " + f.path());
            }
            out.add(new CacheStore.Placement(f, target));
        }
        return out;
    }

    @Override
    public List<String> store(Task task, Lookup lookup, Path taskDir, String runId, double seconds) {
        if (lookup.key() == null || cannotStore.get()) {
            return List.of();
        }
        List<String> warnings = new ArrayList<>();
        Path cwd = TaskKeys.cwdOf(task);
        Globs.Expansion outputs = Globs.expand(cwd, task.caching().outputs(), "output");
        if (outputs.failure() != null) {
            warnings.add("task " + task.id() + ": " + outputs.failure() + "; its result is not cached");
            return warnings;
        }
        outputs.unmatched()
                .forEach(g -> warnings.add("task " + task.id() + ": output '" + g + "' matches no file after it ran"));
        List<CacheStore.Source> logs = new ArrayList<>();
        for (String name : LOGS) {
            if (Files.isRegularFile(taskDir.resolve(name))) {
                logs.add(new CacheStore.Source(name, taskDir.resolve(name)));
            }
        }
        List<CacheStore.Source> outs = new ArrayList<>();
        outputs.files().forEach((rel, file) -> outs.add(new CacheStore.Source(rel, file)));
        try {
            CacheEntry header =
                    new CacheEntry(lookup.key(), task.id(), runId, Instant.now(), seconds, Map.of(), List.of());
            store.store(header, logs, outs, forced.contains(task.id()));
            rememberLast(task, cwd, lookup.key(), runId);
        } catch (IOException | RuntimeException e) {
            if (cannotStore.compareAndSet(false, true)) {
                warnings.add("cannot store results in the cache " + store.root() + " (" + Globs.describe(asIo(e))
                        + "); the run goes on without storing");
            }
        }
        return warnings;
    }

    private static IOException asIo(Exception e) {
        return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }

    /** Keeps the manifest of the task's newest entry, for "why did it miss". */
    private void rememberLast(Task task, Path cwd, String key, String runId) throws IOException {
        KeyManifest manifest = keys.manifestOf(key);
        if (manifest == null) {
            return;
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("task_id", task.id());
        o.put("cwd", cwd.toString());
        o.put("key", key);
        o.put("run_id", runId);
        o.put("stored_at", Instant.now().toString());
        ObjectNode entries = o.putObject("entries");
        manifest.entries().forEach(entries::put);
        store.writeLast(
                store.lastFile(task.id(), cwd),
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(o));
    }

    @Override
    public void close() {
        keys.close();
    }
}
