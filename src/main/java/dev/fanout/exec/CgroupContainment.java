package dev.fanout.exec;

import dev.fanout.task.TaskLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each attempt in a control group of its own, made under fanout's own group in a folder
 * {@code fanout/PID-RUN_ID/ATTEMPT}: the group's member list is what a stop signals, so a daemon
 * that left its process group and cleared its environment is still found, and the final KILL is
 * race-free (v2's {@code cgroup.kill}, or freeze, KILL every member, thaw). Limits are written to
 * the group's memory and cpu controllers where the machine has them.
 *
 * <p>A task's first process must be in the group before it can fork. With v1, the launching
 * thread moves itself into the group (v1 moves single threads through {@code tasks}), starts the
 * process, which is born there, and moves back with any thread the JDK made meanwhile: no extra
 * program per task. v2 moves only whole
 * processes, so the task starts through {@code sh}, which writes itself into the group and execs.
 *
 * <p>A group without limits that its attempt left empty is kept for the run's next attempt
 * (named {@code slot-N}, not after a task): making and removing a group per task, and walking
 * it, was a tenth of fanout's own CPU per short task (BENCHMARKS.md, issue 15).
 */
final class CgroupContainment implements Containment {
    private static final long PERIOD_MICROS = 100_000;
    private static final long EMPTY_WAIT_MILLIS = 2000;
    private static final long TERM_GRACE_MILLIS = 300;
    private static final long ENDED_RMDIR_MILLIS = 500;
    private static final Path SELF_TASKS = Path.of("/proc/self/task");

    /**
     * One hierarchy: {@code own} is the group fanout runs in, {@code base} fanout's folder below it.
     */
    record Hierarchy(String controller, Path own, Path base) {}

    private final boolean v2;
    private final Hierarchy tracker;
    private final Map<String, Hierarchy> limiters;
    private final String why;
    private final long self = ProcessHandle.current().pid();
    private final GroupFolders folders;
    /** Empty groups without limits, by the run's folder name, for the run's next attempts. */
    private final Map<String, ConcurrentLinkedDeque<Group>> idle = new ConcurrentHashMap<>();

    private final AtomicInteger slots = new AtomicInteger();
    /** The kernel's id of each launching thread, read once per thread. */
    private static final ThreadLocal<String> THREAD_ID = new ThreadLocal<>();

    /**
     * @param tracker v1's freezer hierarchy, or the v2 hierarchy
     * @param limiters the hierarchies of the {@code memory} and {@code cpu} controllers (v2: the same one)
     */
    CgroupContainment(boolean v2, Hierarchy tracker, Map<String, Hierarchy> limiters, String why) {
        this.v2 = v2;
        this.tracker = tracker;
        this.limiters = new LinkedHashMap<>(limiters);
        this.why = why;
        this.folders = new GroupFolders(v2, self);
    }

    @Override
    public Kind kind() {
        return v2 ? Kind.CGROUP_V2 : Kind.CGROUP_V1;
    }

    @Override
    public String why() {
        return why;
    }

    @Override
    public List<String> controllers() {
        return List.copyOf(limiters.keySet());
    }

    @Override
    public List<String> places() {
        List<String> places = new ArrayList<>();
        places.add(tracker.base().toString());
        limiters.values().stream()
                .map(h -> h.base().toString())
                .filter(p -> !places.contains(p))
                .forEach(places::add);
        return places;
    }

    @Override
    public Enclosure enclose(String runId, String name, TaskLimits limits) throws IOException {
        String runDir = self + "-" + runId;
        boolean reusable = limits.memoryMaxBytes() == null && limits.cpus() == null;
        if (reusable) {
            Group kept = idle.computeIfAbsent(runDir, k -> new ConcurrentLinkedDeque<>())
                    .pollFirst();
            if (kept != null) {
                return kept;
            }
            name = "slot-" + slots.incrementAndGet();
        }
        List<Hierarchy> used = new ArrayList<>();
        used.add(tracker);
        Hierarchy memory = limits.memoryMaxBytes() == null ? null : limiters.get("memory");
        Hierarchy cpu = limits.cpus() == null ? null : limiters.get("cpu");
        for (Hierarchy h : new Hierarchy[] {memory, cpu}) {
            if (h != null && !used.contains(h)) {
                used.add(h);
            }
        }
        List<Path> dirs = new ArrayList<>();
        for (Hierarchy h : used) {
            Path run = h.base().resolve(runDir);
            if (v2 && !Files.isDirectory(run)) {
                Files.createDirectories(run);
                enableControllers(run);
            }
            Path dir = run.resolve(name);
            Files.createDirectories(dir);
            dirs.add(dir);
        }
        Path memoryDir = memory == null ? null : dirs.get(used.indexOf(memory));
        if (memory != null) {
            writeMemoryLimit(memoryDir, limits.memoryMaxBytes());
        }
        if (cpu != null) {
            writeCpuLimit(dirs.get(used.indexOf(cpu)), limits.cpus());
        }
        return new Group(used, dirs, memoryDir, reusable ? runDir : null);
    }

    private void enableControllers(Path run) {
        StringBuilder plus = new StringBuilder();
        limiters.keySet()
                .forEach(c ->
                        plus.append(plus.length() == 0 ? "" : " ").append('+').append(c));
        if (plus.length() > 0) {
            try {
                Files.writeString(run.resolve("cgroup.subtree_control"), plus);
            } catch (IOException e) {
                // the limits then do not hold; the probe said which controllers it could enable
            }
        }
    }

    private void writeMemoryLimit(Path dir, long bytes) throws IOException {
        if (v2) {
            Files.writeString(dir.resolve("memory.max"), Long.toString(bytes));
            Path swap = dir.resolve("memory.swap.max");
            if (Files.exists(swap)) {
                Files.writeString(swap, "0");
            }
            return;
        }
        Files.writeString(dir.resolve("memory.limit_in_bytes"), Long.toString(bytes));
        Path memsw = dir.resolve("memory.memsw.limit_in_bytes");
        if (Files.exists(memsw)) {
            try {
                Files.writeString(memsw, Long.toString(bytes));
            } catch (IOException e) {
                // no swap accounting: the memory limit alone holds
            }
        }
    }

    private void writeCpuLimit(Path dir, double cpus) throws IOException {
        long quota = Math.max(1000, Math.round(cpus * PERIOD_MICROS));
        if (v2) {
            Files.writeString(dir.resolve("cpu.max"), quota + " " + PERIOD_MICROS);
            return;
        }
        Files.writeString(dir.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_MICROS));
        Files.writeString(dir.resolve("cpu.cfs_quota_us"), Long.toString(quota));
    }

    /** One attempt's groups, the tracking hierarchy's first. */
    private final class Group implements Enclosure {
        private final List<Hierarchy> hierarchies;
        private final List<Path> dirs;
        private final Path memoryDir;
        /** The run's folder name when the group may serve the run's next attempt; null otherwise. */
        private final String reusableIn;

        Group(List<Hierarchy> hierarchies, List<Path> dirs, Path memoryDir, String reusableIn) {
            this.hierarchies = hierarchies;
            this.dirs = dirs;
            this.memoryDir = memoryDir;
            this.reusableIn = reusableIn;
        }

        @Override
        public List<String> argv(List<String> argv) {
            if (!v2) {
                return argv;
            }
            // the script is fanout's own, constant; the task's argv follows as arguments
            List<String> wrapped = new ArrayList<>(argv.size() + 4);
            wrapped.addAll(List.of("/bin/sh", "-c", "echo 0 >\"$0\" && exec \"$@\""));
            wrapped.add(dirs.get(0).resolve("cgroup.procs").toString());
            wrapped.addAll(argv);
            return wrapped;
        }

        @Override
        public Process start(ProcessBuilder pb) throws IOException {
            if (v2) {
                return pb.start();
            }
            String tid = THREAD_ID.get();
            if (tid == null) {
                tid = threadId();
                THREAD_ID.set(tid);
            }
            int moved = 0;
            try {
                for (Path dir : dirs) {
                    Files.writeString(dir.resolve("tasks"), tid);
                    moved++;
                }
                return pb.start();
            } finally {
                for (int i = 0; i < moved; i++) {
                    Path own = hierarchies.get(i).own().resolve("tasks");
                    Files.writeString(own, tid);
                    // a thread the JDK made meanwhile (its process reaper) was born in the group too
                    for (String t : Files.readAllLines(dirs.get(i).resolve("tasks"))) {
                        if (!t.isBlank() && Files.exists(SELF_TASKS.resolve(t.strip()))) {
                            Files.writeString(own, t.strip());
                        }
                    }
                }
            }
        }

        @Override
        public void stop(ProcessHandle root) {
            Path dir = dirs.get(0);
            ProcessTree.stop(root, () -> GroupFolders.handles(folders.members(dir)));
            folders.kill(dir);
        }

        @Override
        public boolean outOfMemory() {
            if (memoryDir == null) {
                return false;
            }
            return GroupFolders.counter(memoryDir.resolve(v2 ? "memory.events" : "memory.oom_control"), "oom_kill") > 0;
        }

        @Override
        public void ended() {
            if (!folders.members(dirs.get(0)).isEmpty()) {
                return; // still running: the run's end stops it
            }
            var pool = reusableIn == null ? null : idle.get(reusableIn);
            if (pool != null && GroupFolders.subgroups(dirs.get(0)) == 0) {
                pool.addFirst(this);
                return;
            }
            for (Path dir : dirs) {
                GroupFolders.removeTree(dir, ENDED_RMDIR_MILLIS);
            }
        }
    }

    @Override
    public int reapRun(String runId) {
        return reap(self + "-" + runId);
    }

    @Override
    public int reapDead() {
        int stopped = 0;
        try (var entries = Files.list(tracker.base())) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                int dash = name.indexOf('-');
                if (dash <= 0 || !Files.isDirectory(p)) {
                    continue;
                }
                try {
                    long pid = Long.parseLong(name.substring(0, dash));
                    if (pid != self && ProcessHandle.of(pid).isEmpty()) {
                        stopped += reap(name);
                    }
                } catch (NumberFormatException e) {
                    // not fanout's
                }
            }
        } catch (IOException e) {
            return stopped;
        }
        return stopped;
    }

    /** Stops everything under {@code base/runDir} in the tracking hierarchy and removes the folder everywhere. */
    private int reap(String runDir) {
        idle.remove(runDir);
        Path dir = tracker.base().resolve(runDir);
        int stopped = 0;
        if (Files.isDirectory(dir)) {
            List<ProcessHandle> left = GroupFolders.handles(folders.members(dir));
            stopped = left.size();
            if (!left.isEmpty()) {
                left.forEach(ProcessHandle::destroy);
                folders.awaitEmpty(dir, TERM_GRACE_MILLIS);
                folders.kill(dir);
            }
            GroupFolders.removeTree(dir, EMPTY_WAIT_MILLIS);
        }
        for (Hierarchy h : limiters.values()) {
            if (h != tracker) {
                GroupFolders.removeTree(h.base().resolve(runDir), EMPTY_WAIT_MILLIS);
            }
        }
        return stopped;
    }

    /** The calling thread's id in the kernel, from /proc/thread-self ({@code PID/task/TID}). */
    private static String threadId() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/thread-self"))
                .getFileName()
                .toString();
    }
}
