package dev.fanout.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TaskHeapTest {

    @Test
    void pollsByKeyThenTieBreakerAndGrowsPastItsCapacity() {
        Random random = new Random(7);
        TaskHeap heap = new TaskHeap(1);
        double[][] byTask = new double[5_000][];
        for (int task = 0; task < byTask.length; task++) {
            double key = random.nextInt(50);
            int tie = random.nextInt(100);
            heap.add(key, tie, task);
            byTask[task] = new double[] {key, tie};
        }
        List<double[]> expected = new ArrayList<>(List.of(byTask));
        expected.sort(Comparator.<double[]>comparingDouble(e -> e[0]).thenComparingDouble(e -> e[1]));
        for (double[] next : expected) {
            assertEquals(next[0], heap.peekKey());
            // tasks with equal key and tie may come in either order: compare what they are ordered by
            double[] polled = byTask[heap.poll()];
            assertEquals(next[0], polled[0]);
            assertEquals(next[1], polled[1]);
        }
        assertTrue(heap.isEmpty());
    }
}
