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
     * @throws IllegalArgumentException when {@code slotCount} is less than 1
     */
    public static ListSchedule plan(TaskGraph graph, double[] weights, int slotCount, boolean keepPlan) {
        if (slotCount < 1) {
            throw new IllegalArgumentException("slotCount must be at least 1, not " + slotCount);
        }
        int n = graph.size();
        double[] remaining = longestRemainingPath(graph, weights);
        int[] rank = new int[n];
        int[] topo = graph.topoOrderShared();
        for (int i = 0; i < n; i++) {
            rank[topo[i]] = i;
        }
        // ready tasks: longest remaining path first (a min-heap on its negation), then topological order
        TaskHeap ready = new TaskHeap(Math.min(n, 1 << 16));
        int[] waiting = new int[n];
        for (int v = 0; v < n; v++) {
            waiting[v] = graph.predecessorCount(v);
            if (waiting[v] == 0) {
                ready.add(-remaining[v], rank[v], v);
            }
        }
        TaskHeap running = new TaskHeap(Math.min(n, slotCount)); // by finish time
        int[] slotOf = new int[n];
        FreeSlots freeSlots = new FreeSlots(slotCount);
        List<Slot> plan = keepPlan ? new ArrayList<>(n) : List.of();
        double now = 0;
        int done = 0;
        while (done < n) {
            while (!ready.isEmpty() && freeSlots.hasFree()) {
                int v = ready.poll();
                slotOf[v] = freeSlots.take();
                double end = now + weights[v];
                running.add(end, rank[v], v);
                if (keepPlan) {
                    plan.add(new Slot(graph.id(v), slotOf[v], now, end));
                }
            }
            now = running.peekKey();
            // every task that ends now frees its slot before the next ones start
            while (!running.isEmpty() && running.peekKey() == now) {
                int v = running.poll();
                freeSlots.give(slotOf[v]);
                done++;
                for (int i = 0, c = graph.successorCount(v); i < c; i++) {
                    int w = graph.successor(v, i);
                    if (--waiting[w] == 0) {
                        ready.add(-remaining[w], rank[w], w);
                    }
                }
            }
        }
        return new ListSchedule(plan, now);
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
