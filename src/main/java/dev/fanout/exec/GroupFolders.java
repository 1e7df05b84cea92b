package dev.fanout.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a control group's folder says and does: the processes in it and the groups below it,
 * freezing and killing them all, and removing the folders once empty. v1's freezer and v2's
 * {@code cgroup.freeze}/{@code cgroup.kill} differ only in file names and values.
 */
final class GroupFolders {
    private static final long FREEZE_WAIT_MILLIS = 2000;
    private static final long EMPTY_WAIT_MILLIS = 2000;

    private final boolean v2;
    /** fanout's own pid: its launching thread sits in a group while it starts a task. */
    private final long self;

    GroupFolders(boolean v2, long self) {
        this.v2 = v2;
        this.self = self;
    }

    /** KILL every process in the group and below, race-free: none can fork meanwhile. */
    void kill(Path dir) {
        if (members(dir).isEmpty()) {
            return;
        }
        if (v2 && Files.exists(dir.resolve("cgroup.kill"))) {
            write(dir.resolve("cgroup.kill"), "1");
        } else {
            Path freeze = dir.resolve(v2 ? "cgroup.freeze" : "freezer.state");
            write(freeze, v2 ? "1" : "FROZEN");
            awaitFrozen(dir);
            handles(members(dir)).forEach(ProcessHandle::destroyForcibly);
            write(freeze, v2 ? "0" : "THAWED");
        }
        awaitEmpty(dir, EMPTY_WAIT_MILLIS);
    }

    private void awaitFrozen(Path dir) {
        long deadline = System.nanoTime() + FREEZE_WAIT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            try {
                String state = v2
                        ? (counter(dir.resolve("cgroup.events"), "frozen") == 1 ? "FROZEN" : "")
                        : Files.readString(dir.resolve("freezer.state")).strip();
                if (state.equals("FROZEN")) {
                    return;
                }
            } catch (IOException e) {
                return;
            }
            pause();
        }
    }

    boolean awaitEmpty(Path dir, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!members(dir).isEmpty()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            pause();
        }
        return true;
    }

    /** The processes in a group and the groups below it (a fanout run by a task makes its own), fanout excepted. */
    List<Long> members(Path dir) {
        List<Long> pids = new ArrayList<>();
        try {
            if (subgroups(dir) == 0) {
                addMembers(dir, pids);
                return pids;
            }
            try (var walk = Files.walk(dir)) {
                for (Path d : walk.filter(Files::isDirectory).toList()) {
                    addMembers(d, pids);
                }
            }
        } catch (IOException | RuntimeException e) {
            // removed meanwhile
        }
        return pids;
    }

    private void addMembers(Path group, List<Long> pids) throws IOException {
        for (String line : Files.readAllLines(group.resolve("cgroup.procs"))) {
            if (!line.isBlank()) {
                long pid = Long.parseLong(line.strip());
                // the launching thread of this fanout sits in a group while it starts a task
                if (pid != self) {
                    pids.add(pid);
                }
            }
        }
    }

    /**
     * How many groups a group has below it, from its link count (a folder's is two plus its
     * subfolders'; the cgroup file system keeps it so): one stat instead of a walk. -1 when it
     * cannot be read, which callers take as "some".
     */
    static int subgroups(Path dir) {
        try {
            return ((Number) Files.getAttribute(dir, "unix:nlink")).intValue() - 2;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static List<ProcessHandle> handles(List<Long> pids) {
        List<ProcessHandle> out = new ArrayList<>(pids.size());
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(out::add));
        return out;
    }

    /**
     * Removes a group and the groups below it, deepest first. A process that just died keeps its
     * group busy until it has been reaped (by init, for an orphan): retried for up to {@code
     * millis}; a group still busy then stays, for the end of the run or the next run.
     */
    static void removeTree(Path dir, long millis) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        long deadline = System.nanoTime() + millis * 1_000_000;
        List<Path> found;
        try (var walk = Files.walk(dir)) {
            found = walk.filter(Files::isDirectory).toList();
        } catch (IOException | RuntimeException e) {
            return; // removed meanwhile
        }
        for (int i = found.size() - 1; i >= 0; i--) {
            while (true) {
                try {
                    // a control group folder holds only the kernel's files: rmdir is the way to remove it
                    Files.deleteIfExists(found.get(i));
                    break;
                } catch (IOException e) {
                    if (System.nanoTime() >= deadline) {
                        return;
                    }
                    pause();
                }
            }
        }
    }

    /** The value of {@code key} in a flat-keyed file ({@code memory.events}, {@code memory.oom_control}). */
    static long counter(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                String[] kv = line.strip().split("\\s+");
                if (kv.length == 2 && kv[0].equals(key)) {
                    return Long.parseLong(kv[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return 0;
    }

    private static void write(Path file, String value) {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            // gone meanwhile; the KILL that follows still reaches every member it lists
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
