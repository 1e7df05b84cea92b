package dev.fanout.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Stops a process and all its descendants: TERM to the descendants (deepest last known first)
 * and then the process, a grace period, TERM again to anything new, then KILL to whatever is
 * left (GNU Parallel's sequence: TERM, 200 ms, TERM, 100 ms, TERM, 50 ms, KILL). Handles are
 * kept, so a descendant whose parent died meanwhile is still found.
 */
public final class ProcessTree {
    private static final long[] GRACE_MILLIS = {200, 100, 50};
    private static final long KILL_WAIT_MILLIS = 1000;
    private static final long POLL_MILLIS = 5;
    private static final Path PROC = Path.of("/proc");

    private ProcessTree() {}

    /** Stops the tree rooted at {@code root}; blocks until it is gone (at most a few hundred ms plus KILL). */
    public static void stop(ProcessHandle root) {
        stop(root, List::of);
    }

    /**
     * Stops the tree rooted at {@code root} and every process {@code group} names at each look
     * (the members of its process group or control group, which a descendant walk misses once
     * their parent has died).
     */
    static void stop(ProcessHandle root, Supplier<List<ProcessHandle>> group) {
        Set<ProcessHandle> known = new LinkedHashSet<>();
        for (long grace : GRACE_MILLIS) {
            known.addAll(group.get());
            known.addAll(snapshot(root));
            List<ProcessHandle> alive =
                    known.stream().filter(ProcessTree::running).toList();
            if (alive.isEmpty()) {
                return;
            }
            alive.forEach(ProcessHandle::destroy);
            if (awaitAll(alive, grace)) {
                // the first TERM may have let a parent exit while a child lives on; look again
                known.addAll(group.get());
                known.addAll(snapshot(root));
                if (known.stream().noneMatch(ProcessTree::running)) {
                    return;
                }
            }
        }
        known.addAll(group.get());
        known.addAll(snapshot(root));
        // KILL parents before children: a parent that outlives its child by a moment (a shell's
        // loop, say) would start another one
        List<ProcessHandle> left =
                new ArrayList<>(known.stream().filter(ProcessTree::running).toList());
        Collections.reverse(left);
        left.forEach(ProcessHandle::destroyForcibly);
        awaitAll(left, KILL_WAIT_MILLIS);
    }

    /** Descendants, deepest first, then the root. */
    private static List<ProcessHandle> snapshot(ProcessHandle root) {
        List<ProcessHandle> list = new ArrayList<>(root.descendants().toList());
        Collections.reverse(list);
        list.add(root);
        return list;
    }

    /**
     * Whether a process still runs. A zombie has ended and only waits for its parent to collect
     * it, which for an orphan may take a while: it counts as gone.
     */
    static boolean running(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(h.pid())).resolve("stat"));
            // "pid (comm) S …": the state follows the last ')', as comm may hold spaces or parentheses
            int close = stat.lastIndexOf(')');
            char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : 'R';
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            // no /proc (not Linux), or gone between the two looks
            return h.isAlive();
        }
    }

    /**
     * Waits until none of {@code handles} runs, polling: most are not fanout's children, and the
     * JDK's exit notice for those polls only every 300 ms or more, longer than the grace itself.
     */
    private static boolean awaitAll(List<ProcessHandle> handles, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        List<ProcessHandle> waiting = new ArrayList<>(handles);
        while (true) {
            waiting.removeIf(h -> !running(h));
            if (waiting.isEmpty()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
