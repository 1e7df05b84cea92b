package dev.fanout.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds processes a run left behind: a task's background child whose parent has exited is no
 * longer its descendant, but it still carries the run's {@code FANOUT_RUN_ID} in its
 * environment. Linux only (/proc); elsewhere it finds nothing.
 */
final class OrphanReaper {
    private static final Path PROC = Path.of("/proc");

    private OrphanReaper() {}

    private static final int ROUNDS = 5;

    /** Stops every process of this user whose environment names {@code runId}; returns how many. */
    static int reap(String runId) {
        int stopped = 0;
        // a process may start another between a look and its stop (a shell loop): look again
        for (int round = 0; round < ROUNDS; round++) {
            List<ProcessHandle> found = find(runId);
            if (found.isEmpty()) {
                break;
            }
            stopAll(found);
            stopped += found.size();
        }
        return stopped;
    }

    private static void stopAll(List<ProcessHandle> found) {
        Thread[] stoppers = new Thread[found.size()];
        for (int i = 0; i < found.size(); i++) {
            ProcessHandle h = found.get(i);
            stoppers[i] = new Thread(() -> ProcessTree.stop(h), "fanout-reap");
            stoppers[i].start();
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static List<ProcessHandle> find(String runId) {
        if (!Files.isDirectory(PROC)) {
            return List.of();
        }
        byte[] needle = ("FANOUT_RUN_ID=" + runId + "\0").getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.forEach(p -> {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
                    return;
                }
                try {
                    byte[] env = Files.readAllBytes(p.resolve("environ"));
                    if (contains(env, needle)) {
                        ProcessHandle.of(Long.parseLong(name)).ifPresent(found::add);
                    }
                } catch (IOException | SecurityException e) {
                    // another user's process, or gone already
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        return found;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        // the variable may be first (no leading NUL) or anywhere after a NUL
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (i > 0 && hay[i - 1] != 0) {
                continue;
            }
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
