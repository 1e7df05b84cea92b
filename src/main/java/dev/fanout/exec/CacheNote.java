package dev.fanout.exec;

/**
 * How a task's result came from the result cache.
 *
 * @param key the cache key it was found under
 * @param fromRun the run that produced it
 * @param savedSeconds how long the task took in that run: the time this run saved
 */
public record CacheNote(String key, String fromRun, double savedSeconds) {}
