package dev.fanout.graph;

import dev.fanout.task.IdIndex;
import dev.fanout.task.Task;
import dev.fanout.task.TaskSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * The dependency graph of a task set: an edge runs from a task to each task that depends on it.
 * Tasks are numbered in file order; adjacency is kept in compact int arrays so that analysis of
 * a million tasks stays linear and light. {@link #toJGraphT()} gives the same graph as a JGraphT
 * graph for algorithms and export.
 */
public final class TaskGraph {
    private final TaskSet tasks;
    private final String[] ids;
    private final IdIndex index;
    private final int[] succStart;
    private final int[] succ;
    private final int[] predStart;
    private final int[] pred;
    private final int[] topoOrder;

    private TaskGraph(TaskSet tasks) {
        this.tasks = tasks;
        int n = tasks.size();
        ids = new String[n];
        index = new IdIndex(n);
        for (int i = 0; i < n; i++) {
            ids[i] = tasks.tasks().get(i).id();
            index.putIfAbsent(ids[i], i);
        }
        predStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            predStart[i + 1] = predStart[i] + tasks.tasks().get(i).dependsOn().size();
        }
        pred = new int[predStart[n]];
        int[] outDegree = new int[n];
        for (int i = 0; i < n; i++) {
            int k = predStart[i];
            for (String dep : tasks.tasks().get(i).dependsOn()) {
                int p = index.indexOf(dep);
                pred[k++] = p;
                outDegree[p]++;
            }
        }
        succStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            succStart[i + 1] = succStart[i] + outDegree[i];
        }
        succ = new int[pred.length];
        int[] fill = Arrays.copyOf(succStart, n);
        for (int i = 0; i < n; i++) {
            for (int k = predStart[i]; k < predStart[i + 1]; k++) {
                succ[fill[pred[k]]++] = i;
            }
        }
        topoOrder = kahnOrder();
    }

    /**
     * Builds the graph of a validated task set.
     *
     * @throws DependencyCycleException naming the cycle's path when the dependencies are not acyclic
     */
    public static TaskGraph of(TaskSet tasks) {
        return new TaskGraph(tasks);
    }

    /** Kahn's algorithm; ties go to the task that comes first in the file, so the order is stable. */
    private int[] kahnOrder() {
        int n = ids.length;
        int[] inDegree = new int[n];
        for (int i = 0; i < n; i++) {
            inDegree[i] = predStart[i + 1] - predStart[i];
        }
        int[] order = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (inDegree[i] == 0) {
                order[tail++] = i;
            }
        }
        while (head < tail) {
            int v = order[head++];
            for (int k = succStart[v]; k < succStart[v + 1]; k++) {
                if (--inDegree[succ[k]] == 0) {
                    order[tail++] = succ[k];
                }
            }
        }
        if (tail < n) {
            List<String> cycle = findCycle(inDegree);
            Task.Position first = tasks.tasks().get(index.indexOf(cycle.get(0))).position();
            throw new DependencyCycleException(first == null ? tasks.source() : first.toString(), cycle);
        }
        return order;
    }

    /**
     * A cycle among the tasks Kahn's algorithm could not order: the strongly connected components
     * of what is left, then the shortest way round from the earliest task of a non-trivial one.
     */
    private List<String> findCycle(int[] inDegreeLeft) {
        Graph<Integer, DefaultEdge> rest = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (int v = 0; v < ids.length; v++) {
            if (inDegreeLeft[v] > 0) {
                rest.addVertex(v);
            }
        }
        for (int v : rest.vertexSet()) {
            for (int k = succStart[v]; k < succStart[v + 1]; k++) {
                if (rest.containsVertex(succ[k])) {
                    rest.addEdge(v, succ[k]);
                }
            }
        }
        // a task depending on itself is a component of one (validated sets have none, hand-made ones may)
        Set<Integer> component = new KosarajuStrongConnectivityInspector<>(rest).stronglyConnectedSets().stream()
                .filter(c -> c.size() > 1 || rest.containsEdge(c.iterator().next(), c.iterator().next()))
                .min((a, b) -> Integer.compare(min(a), min(b)))
                .orElseThrow();
        int start = min(component);
        // breadth-first from start back to start, inside the component
        Map<Integer, Integer> cameFrom = new HashMap<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            int v = queue.poll();
            for (int k = succStart[v]; k < succStart[v + 1]; k++) {
                int w = succ[k];
                if (!component.contains(w) || cameFrom.containsKey(w)) {
                    continue;
                }
                cameFrom.put(w, v);
                if (w == start) {
                    queue.clear();
                    break;
                }
                queue.add(w);
            }
        }
        // edges point from a dependency to its dependent; a cycle reads best as "a depends on b": walk back
        List<String> path = new ArrayList<>();
        int v = start;
        do {
            path.add(ids[v]);
            v = cameFrom.get(v);
        } while (v != start);
        path.add(ids[start]);
        return path;
    }

    private static int min(Set<Integer> set) {
        return set.stream().mapToInt(Integer::intValue).min().orElse(Integer.MAX_VALUE);
    }

    public TaskSet taskSet() {
        return tasks;
    }

    public int size() {
        return ids.length;
    }

    public String id(int v) {
        return ids[v];
    }

    public Task task(int v) {
        return tasks.tasks().get(v);
    }

    /** The number of a task, or -1. */
    public int indexOf(String id) {
        return index.indexOf(id);
    }

    /** The tasks that depend on {@code v}. */
    public int[] successors(int v) {
        return Arrays.copyOfRange(succ, succStart[v], succStart[v + 1]);
    }

    /** The tasks {@code v} depends on. */
    public int[] predecessors(int v) {
        return Arrays.copyOfRange(pred, predStart[v], predStart[v + 1]);
    }

    public int successorCount(int v) {
        return succStart[v + 1] - succStart[v];
    }

    public int predecessorCount(int v) {
        return predStart[v + 1] - predStart[v];
    }

    /** The i-th successor of v, without copying. */
    public int successor(int v, int i) {
        return succ[succStart[v] + i];
    }

    /** The i-th predecessor of v, without copying. */
    public int predecessor(int v, int i) {
        return pred[predStart[v] + i];
    }

    public int edgeCount() {
        return succ.length;
    }

    /** The tasks in an order where each comes after all it depends on; stable for a given file. */
    public int[] topologicalOrder() {
        return topoOrder.clone();
    }

    int[] topoOrderShared() {
        return topoOrder;
    }

    /**
     * Whether no two tasks can run together: the topological order is unique, which holds exactly
     * when each task in it depends directly on the one before.
     */
    public boolean isChain() {
        for (int i = 1; i < topoOrder.length; i++) {
            int prev = topoOrder[i - 1];
            int v = topoOrder[i];
            boolean linked = false;
            for (int k = predStart[v]; k < predStart[v + 1] && !linked; k++) {
                linked = pred[k] == prev;
            }
            if (!linked) {
                return false;
            }
        }
        return true;
    }

    /** The same graph as a JGraphT graph of task ids, edges from a dependency to its dependent. */
    public Graph<String, DefaultEdge> toJGraphT() {
        Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (String id : ids) {
            g.addVertex(id);
        }
        for (int v = 0; v < ids.length; v++) {
            for (int k = succStart[v]; k < succStart[v + 1]; k++) {
                g.addEdge(ids[v], ids[succ[k]]);
            }
        }
        return g;
    }
}
