package dev.fanout.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.task.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a run asks of the result cache: before a task starts, whether its result can be restored
 * instead; after it succeeded, to keep the result. Both may be called from several threads.
 */
public interface ResultCache {
    /** No cache: every task runs. */
    ResultCache OFF = new ResultCache() {
        @Override
        public Lookup lookup(Task task, Map<String, String> dependencyKeys, Path taskDir) {
            return new Lookup(null, null, "the cache is off", List.of());
        }

        @Override
        public List<String> store(Task task, Lookup lookup, Path taskDir, String runId, double seconds) {
            return List.of();
        }
    };

    /**
     * Works out the task's key and, when an entry has it, restores the task's outputs and its
     * logs and result.json into {@code taskDir}.
     *
     * @param dependencyKeys the keys of the task's dependencies (null or absent: a dependency without one)
     */
    Lookup lookup(Task task, Map<String, String> dependencyKeys, Path taskDir);

    /**
     * Keeps a succeeded task's result under the key its lookup found: its outputs, and the logs
     * and result.json in {@code taskDir}. Never throws for a cache that cannot be written.
     *
     * @param seconds how long the task took, which a later hit saves
     * @return warnings for the user (an output glob that matched nothing, a cache that is full)
     */
    List<String> store(Task task, Lookup lookup, Path taskDir, String runId, double seconds);

    /**
     * What a lookup found.
     *
     * @param key the task's key, or null when it is not cached this run
     * @param hit the restored result, or null for a miss
     * @param why why there is no key or no hit, in words ("inputs changed", "--force"), or null on a hit
     * @param warnings for the user (an input glob that matched nothing, a damaged entry)
     */
    record Lookup(String key, Hit hit, String why, List<String> warnings) {
        public Lookup {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * A restored result.
     *
     * @param fromRun the run whose result it is
     * @param seconds how long the task took in that run: the time this hit saves
     * @param result the task's structured result (its result.json), or null for none
     */
    record Hit(String key, String fromRun, double seconds, JsonNode result) {}
}
