package dev.fanout.session;

import java.util.Set;

/**
 * What the user asked of the result cache for one run.
 *
 * @param enabled false for {@code --no-cache}: nothing is looked up or stored
 * @param forced ids of tasks to rerun whatever the cache holds ({@code --force})
 */
public record CacheRequest(boolean enabled, Set<String> forced) {
    public static final CacheRequest DEFAULT = new CacheRequest(true, Set.of());

    public CacheRequest {
        forced = forced == null ? Set.of() : Set.copyOf(forced);
    }
}
