package dev.fanout.session;

import dev.fanout.cache.ResultCache;
import dev.fanout.exec.AttemptContext;
import dev.fanout.exec.CacheNote;
import dev.fanout.exec.Resolver;
import dev.fanout.task.Task;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The result cache as the scheduler sees it: a task about to start is looked up (its
 * dependencies have succeeded, so their keys are known) and restored on a hit; a task that ran
 * and succeeded is stored under the key its lookup found.
 */
final class CacheResolver implements Resolver {
    private final ResultCache cache;
    private final Consumer<String> warnings;
    /** Each looked-up task's key, for its dependents' keys. */
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    /** Lookups of tasks that then ran, until they succeed. */
    private final Map<String, ResultCache.Lookup> running = new ConcurrentHashMap<>();

    CacheResolver(ResultCache cache, Consumer<String> warnings) {
        this.cache = cache;
        this.warnings = warnings;
    }

    @Override
    public Resolution resolve(Task task, AttemptContext context) {
        Map<String, String> deps = new HashMap<>();
        for (String d : task.dependsOn()) {
            deps.put(d, keys.get(d));
        }
        ResultCache.Lookup l = cache.lookup(task, deps, context.taskDir());
        l.warnings().forEach(warnings);
        if (l.key() != null) {
            keys.put(task.id(), l.key());
        }
        ResultCache.Hit hit = l.hit();
        if (hit == null) {
            running.put(task.id(), l);
            return null;
        }
        return new Resolution(
                hit.result(),
                "from the cache: run " + hit.fromRun() + "'s result",
                new CacheNote(hit.key(), hit.fromRun(), hit.seconds()));
    }

    @Override
    public void succeeded(Task task, AttemptContext context, double seconds) {
        ResultCache.Lookup l = running.remove(task.id());
        if (l != null && l.key() != null) {
            cache.store(task, l, context.taskDir(), context.runId(), seconds).forEach(warnings);
        }
    }
}
