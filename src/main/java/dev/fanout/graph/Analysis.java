package dev.fanout.graph;

import dev.fanout.task.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the graph allows: its waves (topological levels), the critical path, the total work and
 * the makespan a list schedule on {@code maxParallel} slots would reach, and so the estimated
 * speedup. A task without an estimate counts one unit.
 *
 * @param waves tasks grouped by level; a wave's seconds are its longest task's
 * @param chain whether no two tasks can run together
 */
public record Analysis(
        int totalTasks,
        int edges,
        List<Wave> waves,
        CriticalPath criticalPath,
        double totalWorkSeconds,
        double makespanSeconds,
        double speedup,
        int maxParallel,
        boolean chain,
        Set<String> types) {

    /** One topological level: tasks whose longest chain of dependencies has the same length. */
    public record Wave(int group, List<String> tasks, double estimatedSeconds) {}

    /** The heaviest chain of dependencies, first task first. */
    public record CriticalPath(List<String> tasks, double estimatedSeconds) {}

    /**
     * Analyses a graph for {@code maxParallel} slots.
     *
     * @throws IllegalArgumentException when {@code maxParallel} is less than 1
     */
    public static Analysis of(TaskGraph graph, int maxParallel) {
        int n = graph.size();
        double[] weights = new double[n];
        double total = 0;
        Set<String> types = new LinkedHashSet<>();
        for (int v = 0; v < n; v++) {
            Task task = graph.task(v);
            weights[v] = task.estimateOrUnit();
            total += weights[v];
            types.add(task.typeOrDefault());
        }
        double[] remaining = ListSchedule.longestRemainingPath(graph, weights);
        CriticalPath critical = criticalPath(graph, remaining);
        double makespan =
                ListSchedule.plan(graph, weights, remaining, maxParallel, false).makespan();
        double speedup = makespan > 0 ? total / makespan : 1.0;
        return new Analysis(
                n,
                graph.edgeCount(),
                waves(graph, weights),
                critical,
                total,
                makespan,
                speedup,
                maxParallel,
                n > 1 && graph.isChain(),
                types);
    }

    /**
     * From the task with the longest remaining path among those that depend on nothing, follow the
     * dependent with the longest remaining path: the heaviest chain, found without a forward pass.
     * Ties go to the task first in topological order, then to the first dependent in file order.
     */
    private static CriticalPath criticalPath(TaskGraph graph, double[] remaining) {
        int v = -1;
        for (int u : graph.topoOrderShared()) {
            if (graph.predecessorCount(u) == 0 && (v < 0 || remaining[u] > remaining[v])) {
                v = u;
            }
        }
        if (v < 0) {
            return new CriticalPath(List.of(), 0);
        }
        double length = remaining[v];
        List<String> path = new ArrayList<>();
        while (v >= 0) {
            path.add(graph.id(v));
            int next = -1;
            for (int i = 0, c = graph.successorCount(v); i < c; i++) {
                int w = graph.successor(v, i);
                if (next < 0 || remaining[w] > remaining[next]) {
                    next = w;
                }
            }
            v = next;
        }
        return new CriticalPath(path, length);
    }

    private static List<Wave> waves(TaskGraph graph, double[] weights) {
        int levels = graph.levelCount();
        int[] counts = new int[levels];
        for (int v = 0; v < graph.size(); v++) {
            counts[graph.level(v)]++;
        }
        String[][] members = new String[levels][];
        for (int i = 0; i < levels; i++) {
            members[i] = new String[counts[i]];
        }
        double[] longest = new double[levels];
        Arrays.fill(counts, 0);
        for (int v = 0; v < graph.size(); v++) {
            int lv = graph.level(v);
            members[lv][counts[lv]++] = graph.id(v);
            longest[lv] = Math.max(longest[lv], weights[v]);
        }
        List<Wave> waves = new ArrayList<>(levels);
        for (int i = 0; i < levels; i++) {
            waves.add(new Wave(i + 1, List.of(members[i]), longest[i]));
        }
        return waves;
    }

    /** Whether every task has the same type (tasks without a type count as one type). */
    public boolean homogeneous() {
        return types.size() <= 1;
    }
}
