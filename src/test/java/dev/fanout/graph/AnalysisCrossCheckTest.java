package dev.fanout.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The analysis against plain, obviously-correct versions of the same definitions, on random
 * graphs: the fast code (radix sorts, bit sets, packed arrays) must agree with them exactly.
 */
class AnalysisCrossCheckTest {

    @Test
    void agreesWithStraightforwardDefinitionsOnRandomGraphs() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(40);
            Task[] tasks = new Task[n];
            double[] weights = new double[n];
            List<List<Integer>> deps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<Integer> d = new ArrayList<>();
                for (int j = 0; j < i; j++) {
                    if (random.nextInt(5) == 0) {
                        d.add(j);
                    }
                }
                deps.add(d);
                // small integer weights make many ties; some zero
                weights[i] = random.nextInt(4);
                tasks[i] = Tasks.task(
                        "t" + i, weights[i], d.stream().map(j -> "t" + j).toArray(String[]::new));
            }
            int slots = 1 + random.nextInt(4);
            Analysis a = Analysis.of(Tasks.graph(tasks), slots);
            String where = "round " + round + ", " + n + " tasks, " + slots + " slots";

            int[] level = new int[n];
            double[] finish = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j : deps.get(i)) {
                    level[i] = Math.max(level[i], level[j] + 1);
                    finish[i] = Math.max(finish[i], finish[j]);
                }
                finish[i] += weights[i];
            }
            for (Analysis.Wave w : a.waves()) {
                for (String id : w.tasks()) {
                    assertEquals(w.group() - 1, level[Integer.parseInt(id.substring(1))], where);
                }
            }
            double longest = 0;
            for (double f : finish) {
                longest = Math.max(longest, f);
            }
            assertEquals(longest, a.criticalPath().estimatedSeconds(), 1e-9, where);
            List<String> path = a.criticalPath().tasks();
            double sum = 0;
            for (int k = 0; k < path.size(); k++) {
                int v = Integer.parseInt(path.get(k).substring(1));
                sum += weights[v];
                if (k > 0) {
                    assertTrue(
                            deps.get(v)
                                    .contains(Integer.parseInt(path.get(k - 1).substring(1))),
                            where);
                } else {
                    assertTrue(deps.get(v).isEmpty(), where);
                }
            }
            assertEquals(longest, sum, 1e-9, where);
            assertEquals(listSchedule(deps, weights, slots), a.makespanSeconds(), 1e-9, where);
        }
    }

    /**
     * List scheduling as its definition reads: at each moment, while a slot is free, start the
     * ready task with the longest remaining path; ties go to the task first in Kahn's order
     * (sources in file order, then each task as its last dependency is ordered).
     */
    private static double listSchedule(List<List<Integer>> deps, double[] weights, int slots) {
        int n = weights.length;
        double[] remaining = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double after = 0;
            for (int j = i + 1; j < n; j++) {
                if (deps.get(j).contains(i)) {
                    after = Math.max(after, remaining[j]);
                }
            }
            remaining[i] = weights[i] + after;
        }
        int[] rank = new int[n];
        List<Integer> queue = new ArrayList<>();
        int[] waiting = new int[n];
        for (int i = 0; i < n; i++) {
            waiting[i] = deps.get(i).size();
            if (waiting[i] == 0) {
                queue.add(i);
            }
        }
        for (int head = 0; head < queue.size(); head++) {
            int v = queue.get(head);
            rank[v] = head;
            for (int j = 0; j < n; j++) {
                for (int d : deps.get(j)) {
                    if (d == v && --waiting[j] == 0) {
                        queue.add(j);
                    }
                }
            }
        }
        double[] end = new double[n];
        boolean[] started = new boolean[n];
        PriorityQueue<double[]> running = new PriorityQueue<>((x, y) -> Double.compare(x[0], y[0]));
        double now = 0;
        int done = 0;
        boolean[] finished = new boolean[n];
        while (done < n) {
            while (running.size() < slots) {
                int best = -1;
                for (int i = 0; i < n; i++) {
                    boolean ready = !started[i];
                    for (int j : deps.get(i)) {
                        ready &= finished[j];
                    }
                    if (ready
                            && (best < 0
                                    || remaining[i] > remaining[best]
                                    || (remaining[i] == remaining[best] && rank[i] < rank[best]))) {
                        best = i;
                    }
                }
                if (best < 0) {
                    break;
                }
                started[best] = true;
                end[best] = now + weights[best];
                running.add(new double[] {end[best], best});
            }
            now = running.peek()[0];
            while (!running.isEmpty() && running.peek()[0] == now) {
                finished[(int) running.poll()[1]] = true;
                done++;
            }
        }
        return now;
    }
}
