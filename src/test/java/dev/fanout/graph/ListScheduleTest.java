package dev.fanout.graph;

import static dev.fanout.graph.Tasks.graph;
import static dev.fanout.graph.Tasks.task;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListScheduleTest {

    @Test
    void theReadyTaskWithTheLongestRemainingPathStartsFirst() {
        // file order would start c and d first and finish at 7; longest remaining path first gives 5
        TaskGraph g = graph(task("c", 2.0), task("d", 2.0), task("a", 1.0), task("b", 4.0, "a"));
        ListSchedule plan = ListSchedule.plan(g, new double[] {2, 2, 1, 4}, 2, true);
        assertEquals(
                List.of(
                        new ListSchedule.Slot("a", 1, 0, 1),
                        new ListSchedule.Slot("c", 2, 0, 2),
                        new ListSchedule.Slot("b", 1, 1, 5),
                        new ListSchedule.Slot("d", 2, 2, 4)),
                plan.slots());
        assertEquals(5.0, plan.makespan());
    }

    @Test
    void longestRemainingPathIsATasksWeightPlusTheHeaviestChainAfterIt() {
        TaskGraph g = graph(task("a", 1.0), task("b", 4.0, "a"), task("c", 2.0, "a"), task("d", 1.0, "c"));
        assertArrayEquals(new double[] {5, 4, 3, 1}, ListSchedule.longestRemainingPath(g, new double[] {1, 4, 2, 1}));
    }

    @Test
    void tasksEndingTogetherFreeTheirSlotsTogether() {
        TaskGraph g = graph(task("a", 1.0), task("b", 1.0), task("c", 1.0, "a", "b"), task("d", 1.0, "a", "b"));
        ListSchedule plan = ListSchedule.plan(g, new double[] {1, 1, 1, 1}, 2, true);
        assertEquals(2.0, plan.makespan());
        assertEquals(new ListSchedule.Slot("c", 1, 1, 2), plan.slots().get(2));
        assertEquals(new ListSchedule.Slot("d", 2, 1, 2), plan.slots().get(3));
    }

    @Test
    void zeroLengthTasksTakeNoTime() {
        TaskGraph g = graph(task("a", 0.0), task("b", 0.0, "a"), task("c", 3.0, "b"));
        assertEquals(3.0, ListSchedule.plan(g, new double[] {0, 0, 3}, 1, false).makespan());
        assertEquals(
                List.of(),
                ListSchedule.plan(g, new double[] {0, 0, 3}, 1, false).slots());
    }

    @Test
    void priorityIsTheLongestRemainingPathThenTopologicalOrder() {
        int[] topo = {3, 0, 2, 1, 4};
        double[] remaining = {5, 7.5, 5, 0, -0.0};
        // 1 (7.5), then 0 and 2 (5) in topological order 0, 2, then 3 and 4 (0 and -0) in order 3, 4
        assertArrayEquals(new int[] {1, 0, 2, 3, 4}, ListSchedule.priorityOrder(remaining, topo));
        assertArrayEquals(new int[] {}, ListSchedule.priorityOrder(new double[0], new int[0]));
        // any double keeps its order, should a hand-made task carry a negative estimate
        assertArrayEquals(
                new int[] {2, 0, 1}, ListSchedule.priorityOrder(new double[] {-1, -2.5, 3e300}, new int[] {0, 1, 2}));
    }

    @Test
    void fewerThanOneSlotIsRefused() {
        TaskGraph g = graph(task("a", 1.0));
        assertThrows(IllegalArgumentException.class, () -> ListSchedule.plan(g, new double[] {1}, 0, false));
    }
}
