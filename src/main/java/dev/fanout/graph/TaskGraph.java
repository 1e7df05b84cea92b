package dev.fanout.graph;

import dev.fanout.Location;
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
    /** Digit width of the radix sort that builds the successor lists: two passes up to 4M tasks. */
    private static final int RADIX_BITS = 11;

    private static final int RADIX_MASK = (1 << RADIX_BITS) - 1;

    private final TaskSet tasks;
    private final String[] ids;
    private final int[] succStart;
    private final int[] succ;
    private final int[] predStart;
    private final int[] pred;
    private final int[] topoOrder;
    /** Each task's wave, from 0: the number of tasks on the longest chain of dependencies before it. */
    private final int[] level;

    private final int levelCount;

    private TaskGraph(TaskSet tasks) {
        this.tasks = tasks;
        int n = tasks.size();
        ids = new String[n];
        predStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            Task task = tasks.tasks().get(i);
            ids[i] = task.id();
            predStart[i + 1] = predStart[i] + task.dependsOn().size();
        }
        // the set found every dependency's number when it was validated: no id is looked up again
        pred = tasks.dependencyNumbers();
        // each edge as (dependency << 32 | dependent), in dependent order
        long[] edges = new long[pred.length];
        for (int i = 0, k = 0; i < n; i++) {
            for (int end = predStart[i + 1]; k < end; k++) {
                int p = pred[k];
                if (p < 0) {
                    throw new IllegalArgumentException("task '" + ids[i] + "' depends on unknown task '"
                            + tasks.tasks().get(i).dependsOn().get(k - predStart[i])
                            + "': build graphs of validated task sets (TaskSet.of, the reader)");
                }
                edges[k] = ((long) p << 32) | i;
            }
        }
        // successor lists: the edges sorted by dependency, stably, so each list stays in file order
        long[] byDependency = sortByHighHalf(edges, n);
        succ = new int[byDependency.length];
        succStart = new int[n + 1];
        for (int k = 0; k < byDependency.length; k++) {
            succ[k] = (int) byDependency[k];
            succStart[(int) (byDependency[k] >>> 32) + 1]++;
        }
        for (int i = 0; i < n; i++) {
            succStart[i + 1] += succStart[i];
        }
        level = new int[n];
        topoOrder = kahnOrder();
        int levels = 0;
        for (int lv : level) {
            levels = Math.max(levels, lv + 1);
        }
        levelCount = levels;
    }

    /**
     * A stable LSD radix sort of {@code values} by their high 32 bits, which are below {@code bound}.
     * Transposing the edges by scattered writes cost a cache miss or two an edge; sorting streams.
     */
    private static long[] sortByHighHalf(long[] values, int bound) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, bound - 1));
        long[] from = values;
        long[] to = new long[values.length];
        int[] count = new int[(1 << RADIX_BITS) + 1];
        for (int shift = 32; shift < 32 + bits; shift += RADIX_BITS) {
            Arrays.fill(count, 0);
            for (long v : from) {
                count[(int) (v >>> shift) & RADIX_MASK]++;
            }
            for (int d = 0, sum = 0; d <= RADIX_MASK; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (long v : from) {
                to[count[(int) (v >>> shift) & RADIX_MASK]++] = v;
            }
            long[] t = from;
            from = to;
            to = t;
        }
        return from;
    }

    /**
     * Builds the graph of a validated task set (from {@link TaskSet#of}, {@link TaskSet#plus} or the
     * reader): unique ids, every dependency naming one of them.
     *
     * @throws DependencyCycleException naming the cycle's path when the dependencies are not acyclic
     * @throws IllegalArgumentException when a dependency is unknown (the set was not validated)
     */
    public static TaskGraph of(TaskSet tasks) {
        return new TaskGraph(tasks);
    }

    /**
     * Kahn's algorithm; ties go to the task that comes first in the file, so the order is stable.
     * Each task pushes its level to the tasks after it; a task's unmet dependencies and its level
     * sit side by side in one array, so each edge costs one cache miss, not two.
     */
    private int[] kahnOrder() {
        int n = ids.length;
        int[] state = new int[2 * n]; // [2v] dependencies not yet ordered, [2v + 1] level
        int[] order = new int[n];
        int tail = 0;
        for (int i = 0; i < n; i++) {
            state[2 * i] = predStart[i + 1] - predStart[i];
            if (state[2 * i] == 0) {
                order[tail++] = i;
            }
        }
        for (int head = 0; head < tail; head++) {
            int v = order[head];
            int next = state[2 * v + 1] + 1;
            for (int k = succStart[v]; k < succStart[v + 1]; k++) {
                int w = succ[k];
                if (state[2 * w + 1] < next) {
                    state[2 * w + 1] = next;
                }
                if (--state[2 * w] == 0) {
                    order[tail++] = w;
                }
            }
        }
        if (tail < n) {
            int[] inDegreeLeft = new int[n];
            for (int i = 0; i < n; i++) {
                inDegreeLeft[i] = state[2 * i];
            }
            List<String> cycle = findCycle(inDegreeLeft);
            Location first = tasks.tasks().get(tasks.indexOf(cycle.get(0))).position();
            throw new DependencyCycleException(first == null ? tasks.source() : first.toString(), cycle);
        }
        for (int i = 0; i < n; i++) {
            level[i] = state[2 * i + 1];
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
        Set<Integer> component = new KosarajuStrongConnectivityInspector<>(rest)
                .stronglyConnectedSets().stream()
                        .filter(c -> c.size() > 1
                                || rest.containsEdge(
                                        c.iterator().next(), c.iterator().next()))
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
        return tasks.indexOf(id);
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

    /** The wave of task {@code v}, from 0: tasks of one wave do not depend on each other. */
    public int level(int v) {
        return level[v];
    }

    /** How many waves there are (0 for no tasks). */
    public int levelCount() {
        return levelCount;
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
