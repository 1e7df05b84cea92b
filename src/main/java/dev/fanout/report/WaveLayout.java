package dev.fanout.report;

import dev.fanout.graph.TaskGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Tasks by wave (their level in the graph), each wave ordered by the mean position of the tasks
 * it depends on, one sweep from the first wave: a barycentre order that keeps most edges short
 * without the cost of a full layered layout. O(V log V + E).
 */
final class WaveLayout {
    private WaveLayout() {}

    static List<List<Integer>> of(TaskGraph graph) {
        int n = graph.size();
        List<List<Integer>> waves = new ArrayList<>();
        for (int i = 0; i < graph.levelCount(); i++) {
            waves.add(new ArrayList<>());
        }
        for (int v = 0; v < n; v++) {
            waves.get(graph.level(v)).add(v);
        }
        double[] position = new double[n];
        double[] key = new double[n];
        for (List<Integer> wave : waves) {
            for (int v : wave) {
                int c = graph.predecessorCount(v);
                double sum = 0;
                for (int i = 0; i < c; i++) {
                    sum += position[graph.predecessor(v, i)];
                }
                key[v] = c == 0 ? v : sum / c;
            }
            wave.sort(Comparator.comparingDouble((Integer v) -> key[v]).thenComparingInt(v -> v));
            for (int i = 0; i < wave.size(); i++) {
                position[wave.get(i)] = i;
            }
        }
        return waves.stream().map(List::copyOf).toList();
    }
}
