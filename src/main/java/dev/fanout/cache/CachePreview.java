package dev.fanout.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.Json;
import dev.fanout.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the cache would do for a set of tasks, worked out without running or restoring anything:
 * for {@code --dry-run}, {@code analyze}, and {@code cache why}. A task that would run still has
 * its key, since it would be stored under it, so its dependents' keys are known too.
 */
public final class CachePreview {
    private CachePreview() {}

    /** How a task would fare. */
    public enum Outcome {
        /** restored from the cache */
        HIT,
        /** run, then stored */
        MISS,
        /** not cached at all */
        OFF
    }

    /**
     * One task's preview.
     *
     * @param key its key, or null when it is not cached
     * @param why in words: where a hit comes from, why a miss misses, why it is not cached
     * @param entry the entry a hit would restore, or null
     * @param changes for a miss: what differs from the task's last stored entry ("input src/a.c changed")
     */
    public record Preview(
            String taskId, Outcome outcome, String key, String why, CacheEntry entry, List<String> changes) {
        /** The run of the task's last entry, named in {@code why} after "changed since run ", or null. */
        public String entryRun() {
            String prefix = "changed since run ";
            return why.startsWith(prefix) ? why.substring(prefix.length(), why.indexOf(':')) : null;
        }
    }

    /**
     * Previews tasks given in dependency order (every task after its dependencies).
     *
     * @param enabled false for --no-cache
     * @param configDefault the configuration's {@code cache}
     */
    public static Map<String, Preview> of(
            List<Task> inDependencyOrder,
            CacheStore store,
            TaskKeys keys,
            boolean enabled,
            boolean configDefault,
            Set<String> forced) {
        Map<String, String> known = new HashMap<>();
        Map<String, Preview> out = new LinkedHashMap<>();
        for (Task t : inDependencyOrder) {
            Preview p = one(t, store, keys, enabled, configDefault, forced, known);
            if (p.key() != null) {
                known.put(t.id(), p.key());
            }
            out.put(t.id(), p);
        }
        return out;
    }

    private static Preview one(
            Task t,
            CacheStore store,
            TaskKeys keys,
            boolean enabled,
            boolean configDefault,
            Set<String> forced,
            Map<String, String> known) {
        if (!enabled) {
            return new Preview(t.id(), Outcome.OFF, null, "--no-cache", null, List.of());
        }
        if (!t.cacheable(configDefault)) {
            return new Preview(
                    t.id(),
                    Outcome.OFF,
                    null,
                    t.caching().cache() == Boolean.FALSE
                            ? "cache: false"
                            : configDefault ? "it declares no inputs" : "the config's cache is off",
                    null,
                    List.of());
        }
        TaskKeys.Keyed k = keys.keyOf(t, known);
        if (!k.hasKey()) {
            return new Preview(t.id(), Outcome.OFF, null, k.uncacheable(), null, List.of());
        }
        if (forced.contains(t.id())) {
            return new Preview(t.id(), Outcome.MISS, k.key(), "--force", null, List.of());
        }
        CacheEntry entry;
        try {
            entry = store.read(k.key());
        } catch (IOException e) {
            return new Preview(
                    t.id(), Outcome.MISS, k.key(), "its entry is damaged (" + e.getMessage() + ")", null, List.of());
        }
        if (entry != null) {
            return new Preview(t.id(), Outcome.HIT, k.key(), "stored by run " + entry.runId(), entry, List.of());
        }
        Last last = last(store, t);
        if (last == null) {
            return new Preview(
                    t.id(), Outcome.MISS, k.key(), "no result of " + t.id() + " is stored yet", null, List.of());
        }
        if (last.key().equals(k.key())) {
            return new Preview(
                    t.id(),
                    Outcome.MISS,
                    k.key(),
                    "its entry was removed (cache clean, or found damaged)",
                    null,
                    List.of());
        }
        List<String> changes = k.manifest().changesSince(last.manifest());
        return new Preview(
                t.id(),
                Outcome.MISS,
                k.key(),
                "changed since run " + last.runId() + ": " + summary(changes),
                null,
                changes);
    }

    private static String summary(List<String> changes) {
        if (changes.isEmpty()) {
            return "the cache format";
        }
        if (changes.size() <= 3) {
            return String.join(", ", changes);
        }
        return String.join(", ", changes.subList(0, 3)) + " and " + (changes.size() - 3) + " more";
    }

    /** The manifest of a task's last stored entry. */
    record Last(String key, String runId, KeyManifest manifest) {}

    static Last last(CacheStore store, Task t) {
        Path file = store.lastFile(t.id(), TaskKeys.cwdOf(t));
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode o = Json.mapper().readTree(file.toFile());
            Map<String, String> entries = new LinkedHashMap<>();
            o.path("entries")
                    .properties()
                    .forEach(e -> entries.put(e.getKey(), e.getValue().asText()));
            return new Last(o.path("key").asText(), o.path("run_id").asText(), new KeyManifest(entries));
        } catch (IOException e) {
            return null; // a damaged note only loses the explanation
        }
    }

    /** The ids of tasks a preview would restore. */
    public static List<String> hits(Map<String, Preview> previews) {
        List<String> out = new ArrayList<>();
        previews.values().forEach(p -> {
            if (p.outcome() == Outcome.HIT) {
                out.add(p.taskId());
            }
        });
        return out;
    }
}
