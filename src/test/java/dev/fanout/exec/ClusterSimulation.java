package dev.fanout.exec;

import dev.fanout.graph.TaskGraph;
import dev.fanout.task.Task;
import dev.fanout.task.TaskSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * fanout's scheduling core (the {@link Plan}, in the scheduler's longest-remaining-path
 * {@link StartOrder}) against a simulated cluster, on a virtual clock: no processes, no
 * network. Each decision hands the plan's next task to the least-loaded worker with a free slot
 * (as {@code ClusterRunner} does); a task ends after its length. Reports scheduling decisions a
 * second (wall time of the loop alone) and the makespan over the lower bound max(critical path,
 * work / slots).
 *
 * <p>{@code java -cp target/fanout.jar:target/test-classes dev.fanout.exec.ClusterSimulation
 * [TASKS] [WORKERS] [SLOTS]} (default 1,000,000 tasks, 1,000 workers, 8 slots); scripts/bench-cluster
 * runs it.
 */
public final class ClusterSimulation {
    /** What one simulation gave. */
    record Outcome(int tasks, long decisions, double seconds, double cpuSeconds, long makespan, long lowerBound) {
        double decisionsPerSecond() {
            return decisions / seconds;
        }

        /** Per second of the loop's own CPU time: what the figure is on a machine not shared with others. */
        double decisionsPerCpuSecond() {
            return decisions / cpuSeconds;
        }

        double overBound() {
            return (double) makespan / lowerBound;
        }
    }

    private ClusterSimulation() {}

    /**
     * A random graph: lengths of 1-100 virtual seconds; each task depends, with probability 0.3,
     * on one earlier task (so the critical path stays well under work / slots, as in a wide build).
     */
    static TaskSet graph(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Task> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<String> deps = i > 0 && r.nextDouble() < 0.3 ? List.of("t" + r.nextInt(i)) : List.of();
            double seconds = 1 + r.nextInt(100);
            tasks.add(new Task(
                    "t" + i, null, null, deps, seconds, null, null, null, null, null, null, null, null, null, null,
                    null));
        }
        return new TaskSet("simulation", tasks, null, null);
    }

    static Outcome run(TaskGraph g, int workers, int slots) {
        int n = g.size();
        long[] length = new long[n];
        for (int v = 0; v < n; v++) {
            length[v] = Math.round(g.task(v).estimateOrUnit());
        }
        long lower = Math.max(criticalPath(g, length), ceilDiv(sum(length), (long) workers * slots));
        Plan plan = new Plan(
                g,
                StartOrder.of(g, true, Map.of()),
                workers * slots,
                HaltPolicy.NEVER,
                Plan.Pools.NONE,
                new Plan.Observer() {
                    @Override
                    public void settled(int task, TaskStatus status, String why) {}

                    @Override
                    public void stop(int task, String why) {}
                });
        // workers with a free slot by load, least first: {used slots, worker}; an entry whose load
        // is no longer the worker's is stale and passed over
        PriorityQueue<int[]> free =
                new PriorityQueue<>((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        int[] used = new int[workers];
        for (int w = 0; w < workers; w++) {
            free.add(new int[] {0, w});
        }
        // ends in time order: {end, task, worker}
        PriorityQueue<long[]> ends = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        long now = 0;
        long decisions = 0;
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = cpu.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        while (true) {
            for (int v = plan.next(now); v != Plan.NONE; v = plan.next(now)) {
                int[] w = free.poll();
                while (w[0] != used[w[1]]) {
                    w = free.poll(); // an entry from before the worker's load changed
                }
                used[w[1]]++;
                if (used[w[1]] < slots) {
                    free.add(new int[] {used[w[1]], w[1]});
                }
                ends.add(new long[] {now + length[v], v, w[1]});
                decisions++;
            }
            if (ends.isEmpty()) {
                break;
            }
            now = ends.peek()[0];
            while (!ends.isEmpty() && ends.peek()[0] == now) {
                long[] e = ends.poll();
                int w = (int) e[2];
                used[w]--;
                free.add(new int[] {used[w], w}); // any older entry of this worker is now stale
                plan.succeeded((int) e[1]);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
        if (!plan.done()) {
            throw new IllegalStateException("the simulation stalled");
        }
        return new Outcome(n, decisions, seconds, cpuSeconds, now, lower);
    }

    private static long criticalPath(TaskGraph g, long[] length) {
        long[] finish = new long[g.size()];
        long longest = 0;
        for (int v : g.topologicalOrder()) {
            long start = 0;
            for (int i = 0, k = g.predecessorCount(v); i < k; i++) {
                start = Math.max(start, finish[g.predecessor(v, i)]);
            }
            finish[v] = start + length[v];
            longest = Math.max(longest, finish[v]);
        }
        return longest;
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long x : a) {
            s += x;
        }
        return s;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int slots = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        long b0 = System.nanoTime();
        TaskGraph g = TaskGraph.of(graph(n, 17));
        double build = (System.nanoTime() - b0) / 1e9;
        Outcome o = run(g, workers, slots);
        System.out.printf(
                java.util.Locale.ROOT,
                "simulation: %,d tasks on %,d workers x %d slots: %,.0f decisions/s of wall time, %,.0f of CPU time"
                        + " (%,d in %.2f s; graph built in %.1f s);"
                        + " makespan %,d s, lower bound %,d s: %.4f x bound%n",
                n,
                workers,
                slots,
                o.decisionsPerSecond(),
                o.decisionsPerCpuSecond(),
                o.decisions(),
                o.seconds(),
                build,
                o.makespan(),
                o.lowerBound(),
                o.overBound());
    }
}
