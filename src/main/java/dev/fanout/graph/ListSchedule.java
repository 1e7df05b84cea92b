package dev.fanout.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A simulated run of the graph on a number of slots: whenever a slot is free, the ready task with
 * the longest remaining path (its own weight plus the heaviest chain after it) starts. This is
 * the estimate of the makespan, and the plan {@code run --dry-run} shows. O((V+E) log V).
 */
public final class ListSchedule {

    /** One task's place in the plan. */
    public record Slot(String taskId, int slot, double start, double end) {
    }

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
     */
    public static ListSchedule plan(TaskGraph graph, double[] weights, int slotCount, boolean keepPlan) {
        return plan(graph, weights, slotCount, keepPlan, true);
    }

    /**
     * As {@link #plan(TaskGraph, double[], int, boolean)}; with {@code longestFirst} false, ready
     * tasks start in topological order instead (sequential mode).
     */
    public static ListSchedule plan(TaskGraph graph, double[] weights, int slotCount, boolean keepPlan,
            boolean longestFirst) {
        int n = graph.size();
        double[] remaining = longestFirst ? longestRemainingPath(graph, weights) : new double[n];
        int[] rank = new int[n];
        int[] topo = graph.topoOrderShared();
        for (int i = 0; i < n; i++) {
            rank[topo[i]] = i;
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>(Math.max(1, n), (a, b) -> {
            int c = Double.compare(remaining[b], remaining[a]);
            return c != 0 ? c : Integer.compare(rank[a], rank[b]);
        });
        int[] waiting = new int[n];
        for (int v = 0; v < n; v++) {
            waiting[v] = graph.predecessorCount(v);
            if (waiting[v] == 0) {
                ready.add(v);
            }
        }
        // running tasks by finish time; a long[] pair would be lighter but this is not the hot path
        PriorityQueue<double[]> running = new PriorityQueue<>((a, b) -> {
            int c = Double.compare(a[0], b[0]);
            return c != 0 ? c : Double.compare(a[2], b[2]);
        });
        FreeSlots freeSlots = new FreeSlots(slotCount);
        List<Slot> plan = keepPlan ? new ArrayList<>(n) : List.of();
        double now = 0;
        double makespan = 0;
        int done = 0;
        while (done < n) {
            while (!ready.isEmpty() && freeSlots.hasFree()) {
                int v = ready.poll();
                int slot = freeSlots.take();
                double end = now + weights[v];
                running.add(new double[] {end, v, rank[v], slot});
                if (keepPlan) {
                    plan.add(new Slot(graph.id(v), slot, now, end));
                }
            }
            double[] next = running.poll();
            now = next[0];
            makespan = Math.max(makespan, now);
            finish(graph, (int) next[1], waiting, ready);
            freeSlots.give((int) next[3]);
            done++;
            while (!running.isEmpty() && running.peek()[0] == now) {
                double[] also = running.poll();
                finish(graph, (int) also[1], waiting, ready);
                freeSlots.give((int) also[3]);
                done++;
            }
        }
        return new ListSchedule(plan, makespan);
    }

    private static void finish(TaskGraph graph, int v, int[] waiting, PriorityQueue<Integer> ready) {
        for (int i = 0, c = graph.successorCount(v); i < c; i++) {
            int w = graph.successor(v, i);
            if (--waiting[w] == 0) {
                ready.add(w);
            }
        }
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

    /** Slot numbers handed out lowest first, so a plan reads slot 1, 2, … */
    private static final class FreeSlots {
        private final PriorityQueue<Integer> free = new PriorityQueue<>();

        FreeSlots(int count) {
            for (int i = 1; i <= count; i++) {
                free.add(i);
            }
        }

        boolean hasFree() {
            return !free.isEmpty();
        }

        int take() {
            return free.poll();
        }

        void give(int slot) {
            free.add(slot);
        }
    }
}
