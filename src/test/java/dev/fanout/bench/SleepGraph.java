package dev.fanout.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A graph of {@code sleep} tasks for the makespan and failure-heavy workloads, with the figures a
 * runner is judged against: total work, critical path, the lower bound
 * max(critical path, work / slots), and what two ideal runners with no overhead would reach
 * (longest-remaining-path-first list scheduling, and waves with a barrier between them).
 *
 * @param seconds each task's length, by task number
 * @param deps each task's dependencies, all with smaller numbers (so the numbering is a topological order)
 */
public record SleepGraph(double[] seconds, int[][] deps) {

    public SleepGraph {
        if (seconds.length != deps.length) {
            throw new IllegalArgumentException(seconds.length + " lengths for " + deps.length + " tasks");
        }
        for (int i = 0; i < deps.length; i++) {
            for (int d : deps[i]) {
                if (d < 0 || d >= i) {
                    throw new IllegalArgumentException("task " + i + " depends on " + d + ": not an earlier task");
                }
            }
        }
    }

    /**
     * A random graph of {@code n} tasks of 0.02–0.2 s (whole milliseconds), each after the first
     * depending on one to three distinct earlier tasks (about two); the same seed gives the same graph.
     */
    public static SleepGraph random(int n, long seed) {
        Random random = new Random(seed);
        double[] secs = new double[n];
        int[][] deps = new int[n][];
        for (int i = 0; i < n; i++) {
            secs[i] = Math.round((0.02 + random.nextDouble() * 0.18) * 1000) / 1000.0;
            int want = i == 0 ? 0 : Math.min(i, 1 + random.nextInt(3));
            List<Integer> d = new ArrayList<>();
            while (d.size() < want) {
                int dep = random.nextInt(i);
                if (!d.contains(dep)) {
                    d.add(dep);
                }
            }
            deps[i] = d.stream().mapToInt(Integer::intValue).toArray();
        }
        return new SleepGraph(secs, deps);
    }

    public int size() {
        return seconds.length;
    }

    /** The same graph with other task lengths (e.g. failing tasks counted twice). */
    public SleepGraph withSeconds(double[] other) {
        return new SleepGraph(other, deps);
    }

    public double totalWork() {
        return Arrays.stream(seconds).sum();
    }

    /** The longest chain of task lengths through the graph. */
    public double criticalPath() {
        double[] finish = new double[size()];
        double longest = 0;
        for (int i = 0; i < size(); i++) {
            double start = 0;
            for (int d : deps[i]) {
                start = Math.max(start, finish[d]);
            }
            finish[i] = start + seconds[i];
            longest = Math.max(longest, finish[i]);
        }
        return longest;
    }

    /** max(critical path, total work / slots): no runner on that many slots can finish sooner. */
    public double lowerBound(int slots) {
        return Math.max(criticalPath(), totalWork() / slots);
    }

    /**
     * A tighter lower bound than {@link #lowerBound}: a task cannot start before its longest chain
     * of dependencies has run, so the tasks that cannot start before time t must all run after t,
     * on the slots. The largest t + (their work) / slots over every t, or the plain bound if larger.
     */
    public double earliestStartBound(int slots) {
        double[] head = new double[size()];
        for (int i = 0; i < size(); i++) {
            for (int d : deps[i]) {
                head[i] = Math.max(head[i], head[d] + seconds[d]);
            }
        }
        double bound = lowerBound(slots);
        for (double t : head) {
            double after = 0;
            for (int i = 0; i < size(); i++) {
                if (head[i] >= t) {
                    after += seconds[i];
                }
            }
            bound = Math.max(bound, t + after / slots);
        }
        return bound;
    }

    /** Each task's wave: 0 for tasks without dependencies, else one more than its deepest dependency. */
    public int[] waves() {
        int[] depth = new int[size()];
        for (int i = 0; i < size(); i++) {
            for (int d : deps[i]) {
                depth[i] = Math.max(depth[i], depth[d] + 1);
            }
        }
        return depth;
    }

    public int waveCount() {
        return Arrays.stream(waves()).max().orElse(-1) + 1;
    }

    /** The task numbers of each wave, in number order. */
    public List<List<Integer>> waveMembers() {
        int[] wave = waves();
        List<List<Integer>> members = new ArrayList<>();
        for (int w = 0; w < waveCount(); w++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < size(); i++) {
            members.get(wave[i]).add(i);
        }
        return members;
    }

    /**
     * The makespan of the waves run one after another, each waiting for the whole previous one,
     * with each wave scheduled longest task first on the slots: the best the wave method can do.
     */
    public double waveBarrierMakespan(int slots) {
        double total = 0;
        for (List<Integer> wave : waveMembers()) {
            double[] busyUntil = new double[slots];
            wave.stream()
                    .map(i -> seconds[i])
                    .sorted((a, b) -> Double.compare(b, a))
                    .forEach(s -> {
                        int least = 0;
                        for (int k = 1; k < slots; k++) {
                            if (busyUntil[k] < busyUntil[least]) {
                                least = k;
                            }
                        }
                        busyUntil[least] += s;
                    });
            total += Arrays.stream(busyUntil).max().orElse(0);
        }
        return total;
    }

    /**
     * The makespan of list scheduling with no overhead: whenever a slot is free, the ready task
     * with the longest remaining path starts (ties: lower number). fanout's policy, run ideally.
     */
    public double listScheduleMakespan(int slots) {
        int n = size();
        List<List<Integer>> dependents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dependents.add(new ArrayList<>());
        }
        int[] waiting = new int[n];
        for (int i = 0; i < n; i++) {
            waiting[i] = deps[i].length;
            for (int d : deps[i]) {
                dependents.get(d).add(i);
            }
        }
        double[] remaining = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double after = 0;
            for (int s : dependents.get(i)) {
                after = Math.max(after, remaining[s]);
            }
            remaining[i] = seconds[i] + after;
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>((a, b) ->
                remaining[a] != remaining[b] ? Double.compare(remaining[b], remaining[a]) : Integer.compare(a, b));
        // running tasks as {finish time, task}
        PriorityQueue<double[]> running = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        double now = 0;
        while (!ready.isEmpty() || !running.isEmpty()) {
            while (running.size() < slots && !ready.isEmpty()) {
                int t = ready.poll();
                running.add(new double[] {now + seconds[t], t});
            }
            double[] done = running.poll();
            now = done[0];
            for (int s : dependents.get((int) done[1])) {
                if (--waiting[s] == 0) {
                    ready.add(s);
                }
            }
        }
        return now;
    }
}
