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
    public record Wave(int group, List<String> tasks, double estimatedSeconds) {
    }

    /** The heaviest chain of dependencies, first task first. */
    public record CriticalPath(List<String> tasks, double estimatedSeconds) {
    }

    /** Analyses a graph for {@code maxParallel} slots. */
    public static Analysis of(TaskGraph graph, int maxParallel) {
        int n = graph.size();
        double[] weights = new double[n];
        for (int v = 0; v < n; v++) {
            weights[v] = graph.task(v).estimateOrUnit();
        }
        int[] topo = graph.topoOrderShared();
        int[] level = new int[n];
        double[] finish = new double[n];
        int[] via = new int[n];
        int levels = 0;
        double total = 0;
        int last = -1;
        for (int v : topo) {
            int lv = 0;
            double start = 0;
            via[v] = -1;
            for (int k = 0, c = graph.predecessorCount(v); k < c; k++) {
                int p = graph.predecessor(v, k);
                lv = Math.max(lv, level[p] + 1);
                if (via[v] < 0 || finish[p] > start) {
                    start = finish[p];
                    via[v] = p;
                }
            }
            level[v] = lv;
            finish[v] = start + weights[v];
            levels = Math.max(levels, lv + 1);
            total += weights[v];
            if (last < 0 || finish[v] > finish[last]) {
                last = v;
            }
        }
        List<Wave> waves = waves(graph, level, weights, levels);
        List<String> path = new ArrayList<>();
        for (int v = last; v >= 0; v = via[v]) {
            path.add(graph.id(v));
        }
        java.util.Collections.reverse(path);
        double critical = last < 0 ? 0 : finish[last];
        double makespan = ListSchedule.plan(graph, weights, maxParallel, false).makespan();
        double speedup = makespan > 0 ? total / makespan : 1.0;
        Set<String> types = new LinkedHashSet<>();
        for (Task t : graph.taskSet().tasks()) {
            types.add(t.typeOrDefault());
        }
        return new Analysis(n, graph.edgeCount(), waves, new CriticalPath(path, critical), total, makespan, speedup,
                maxParallel, n > 1 && graph.isChain(), types);
    }

    private static List<Wave> waves(TaskGraph graph, int[] level, double[] weights, int levels) {
        int[] counts = new int[levels];
        for (int lv : level) {
            counts[lv]++;
        }
        String[][] members = new String[levels][];
        for (int i = 0; i < levels; i++) {
            members[i] = new String[counts[i]];
        }
        double[] longest = new double[levels];
        Arrays.fill(counts, 0);
        for (int v = 0; v < graph.size(); v++) {
            int lv = level[v];
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
