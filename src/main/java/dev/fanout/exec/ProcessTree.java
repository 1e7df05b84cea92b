package dev.fanout.exec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stops a process and all its descendants: TERM to the descendants (deepest last known first)
 * and then the process, a grace period, TERM again to anything new, then KILL to whatever is
 * left. Handles are kept, so a descendant whose parent died meanwhile is still found.
 */
public final class ProcessTree {
    private static final long[] GRACE_MILLIS = {200, 100, 50};

    private ProcessTree() {
    }

    /** Stops the tree rooted at {@code root}; blocks until it is gone (at most a few hundred ms plus KILL). */
    public static void stop(ProcessHandle root) {
        Set<ProcessHandle> known = new LinkedHashSet<>();
        for (long grace : GRACE_MILLIS) {
            List<ProcessHandle> now = snapshot(root);
            known.addAll(now);
            List<ProcessHandle> alive = known.stream().filter(ProcessHandle::isAlive).toList();
            if (alive.isEmpty()) {
                return;
            }
            alive.forEach(ProcessHandle::destroy);
            if (awaitAll(alive, grace)) {
                // the first TERM may have let a parent exit while a child lives on; look again
                known.addAll(snapshot(root));
                if (known.stream().noneMatch(ProcessHandle::isAlive)) {
                    return;
                }
            }
        }
        known.addAll(snapshot(root));
        known.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitAll(new ArrayList<>(known), 1000);
    }

    /** Sends KILL to the handles given and to their descendants. */
    public static void kill(List<ProcessHandle> handles) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        for (ProcessHandle h : handles) {
            all.addAll(snapshot(h));
        }
        all.forEach(ProcessHandle::destroyForcibly);
    }

    /** Descendants, deepest first, then the root. */
    private static List<ProcessHandle> snapshot(ProcessHandle root) {
        List<ProcessHandle> list = new ArrayList<>(root.descendants().toList());
        java.util.Collections.reverse(list);
        list.add(root);
        return list;
    }

    private static boolean awaitAll(List<ProcessHandle> handles, long millis) {
        CompletableFuture<?>[] exits = handles.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }
}
