package dev.fanout.exec;

import dev.fanout.graph.ListSchedule;
import dev.fanout.graph.TaskGraph;
import java.util.Comparator;
import java.util.Map;

/**
 * The order in which ready tasks take free slots. In parallel mode the task with the longest
 * remaining path goes first, weighed by the durations earlier runs measured, else by estimates
 * (as Ninja orders by its log); ties, and sequential mode, follow the topological order, which
 * follows the file where it can.
 */
final class StartOrder {
    private StartOrder() {}

    /** A comparator of task numbers: first to start first. */
    static Comparator<Integer> of(TaskGraph graph, boolean parallel, Map<String, Double> measured) {
        int n = graph.size();
        int[] rank = new int[n];
        int[] topo = graph.topologicalOrder();
        for (int i = 0; i < n; i++) {
            rank[topo[i]] = i;
        }
        Comparator<Integer> topological = (a, b) -> Integer.compare(rank[a], rank[b]);
        if (!parallel) {
            return topological;
        }
        double[] weights = new double[n];
        for (int v = 0; v < n; v++) {
            Double m = measured.get(graph.id(v));
            weights[v] = m != null ? m : graph.task(v).estimateOrUnit();
        }
        double[] remaining = ListSchedule.longestRemainingPath(graph, weights);
        Comparator<Integer> longestFirst = (a, b) -> Double.compare(remaining[b], remaining[a]);
        return longestFirst.thenComparing(topological);
    }
}
