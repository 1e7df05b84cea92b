package dev.fanout.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A simulated run of the graph on a number of slots: whenever a slot is free, the ready task with
 * the longest remaining path (its own weight plus the heaviest chain after it) starts. This is
 * the estimate of the makespan, and the plan {@code run --dry-run} shows. O(V + E) apart from a
 * radix sort of the tasks by priority and a heap of at most {@code slotCount} running tasks.
 */
public final class ListSchedule {

    /** One task's place in the plan. */
    public record Slot(String taskId, int slot, double start, double end) {}

    private final List<Slot> slots;
    private final double makespan;

    private ListSchedule(List<Slot> slots, double makespan) {
        this.slots = slots;
        this.makespan = makespan;
    }

    /**
     * Plans the graph on {@code slotCount} slots.
     *
     * @param weights each task's expected duration, by task number
     * @param keepPlan whether to keep each task's slot and times (not needed for the makespan alone)
     * @throws IllegalArgumentException when {@code slotCount} is less than 1
     */
    public static ListSchedule plan(TaskGraph graph, double[] weights, int slotCount, boolean keepPlan) {
        return plan(graph, weights, longestRemainingPath(graph, weights), slotCount, keepPlan);
    }

    /**
     * As {@link #plan(TaskGraph, double[], int, boolean)}; with {@code longestFirst} false, ready
     * tasks start in topological order instead (sequential mode).
     */
    public static ListSchedule plan(
            TaskGraph graph, double[] weights, int slotCount, boolean keepPlan, boolean longestFirst) {
        double[] remaining = longestFirst ? longestRemainingPath(graph, weights) : new double[graph.size()];
        return plan(graph, weights, remaining, slotCount, keepPlan);
    }

    /** As {@link #plan(TaskGraph, double[], int, boolean)}, with the longest remaining paths already known. */
    static ListSchedule plan(TaskGraph graph, double[] weights, double[] remaining, int slotCount, boolean keepPlan) {
        if (slotCount < 1) {
            throw new IllegalArgumentException("slotCount must be at least 1, not " + slotCount);
        }
        int n = graph.size();
        int[] byPriority = priorityOrder(remaining, graph.topoOrderShared());
        // [2v] dependencies still running or waiting, [2v + 1] priority: side by side, one cache miss an edge
        int[] state = new int[2 * n];
        for (int i = 0; i < n; i++) {
            state[2 * byPriority[i] + 1] = i;
        }
        // the ready tasks, by priority: the one with the longest remaining path is the least
        MinIntSet ready = new MinIntSet(n);
        for (int v = 0; v < n; v++) {
            state[2 * v] = graph.predecessorCount(v);
            if (state[2 * v] == 0) {
                ready.add(state[2 * v + 1]);
            }
        }
        // running tasks by finish time, each with its slot as tie-breaker: tasks ending together
        // all end before any starts, so their order changes nothing
        TaskHeap running = new TaskHeap(Math.min(n, slotCount));
        MinIntSet freeSlots = new MinIntSet(slotCount); // slot numbers handed out lowest first: 1, 2, …
        for (int slot = 0; slot < slotCount; slot++) {
            freeSlots.add(slot);
        }
        List<Slot> plan = keepPlan ? new ArrayList<>(n) : List.of();
        double now = 0;
        int done = 0;
        while (done < n) {
            while (!ready.isEmpty() && !freeSlots.isEmpty()) {
                int v = byPriority[ready.pollMin()];
                int slot = freeSlots.pollMin();
                double end = now + weights[v];
                running.add(end, slot, v);
                if (keepPlan) {
                    plan.add(new Slot(graph.id(v), slot + 1, now, end));
                }
            }
            now = running.peekKey();
            while (!running.isEmpty() && running.peekKey() == now) {
                freeSlots.add(running.peekTie());
                int v = running.poll();
                done++;
                for (int i = 0, c = graph.successorCount(v); i < c; i++) {
                    int w = graph.successor(v, i);
                    if (--state[2 * w] == 0) {
                        ready.add(state[2 * w + 1]);
                    }
                }
            }
        }
        return new ListSchedule(plan, now);
    }

    /**
     * The tasks by descending remaining path, ties in topological order: a stable LSD radix sort
     * of the remaining paths' bits, fed in topological order (no comparator, no boxing).
     */
    static int[] priorityOrder(double[] remaining, int[] topo) {
        int n = topo.length;
        long[] keys = new long[n];
        int[] tasks = new int[n];
        for (int i = 0; i < n; i++) {
            int v = topo[i];
            // the usual order-preserving map of a double to an unsigned long, inverted for "longest
            // first"; + 0.0 turns -0.0 into 0.0
            long bits = Double.doubleToLongBits(remaining[v] + 0.0);
            keys[i] = ~(bits ^ ((bits >> 63) | Long.MIN_VALUE));
            tasks[i] = v;
        }
        long[] keysOut = new long[n];
        int[] tasksOut = new int[n];
        int[] count = new int[257];
        for (int shift = 0; shift < 64; shift += 8) {
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[((int) (keys[i] >>> shift) & 0xFF) + 1]++;
            }
            if (n == 0 || count[((int) (keys[0] >>> shift) & 0xFF) + 1] == n) {
                continue; // every key has the same byte here
            }
            for (int b = 0; b < 256; b++) {
                count[b + 1] += count[b];
            }
            for (int i = 0; i < n; i++) {
                int at = count[(int) (keys[i] >>> shift) & 0xFF]++;
                keysOut[at] = keys[i];
                tasksOut[at] = tasks[i];
            }
            long[] k = keys;
            keys = keysOut;
            keysOut = k;
            int[] t = tasks;
            tasks = tasksOut;
            tasksOut = t;
        }
        return tasks;
    }

    /** For each task, its weight plus the heaviest path through the tasks that depend on it. */
    public static double[] longestRemainingPath(TaskGraph graph, double[] weights) {
        int[] topo = graph.topoOrderShared();
        double[] remaining = new double[graph.size()];
        for (int i = topo.length - 1; i >= 0; i--) {
            int v = topo[i];
            double after = 0;
            for (int k = 0, c = graph.successorCount(v); k < c; k++) {
                after = Math.max(after, remaining[graph.successor(v, k)]);
            }
            remaining[v] = weights[v] + after;
        }
        return remaining;
    }

    /** Each task's slot and times, in start order; empty unless the plan was kept. */
    public List<Slot> slots() {
        return slots;
    }

    public double makespan() {
        return makespan;
    }
}
