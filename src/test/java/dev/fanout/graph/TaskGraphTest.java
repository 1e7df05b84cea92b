package dev.fanout.graph;

import static dev.fanout.graph.Tasks.graph;
import static dev.fanout.graph.Tasks.task;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.Location;
import dev.fanout.task.Task;
import dev.fanout.task.TaskSet;
import java.util.ArrayList;
import java.util.List;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.junit.jupiter.api.Test;

class TaskGraphTest {

    @Test
    void edgesRunFromADependencyToTheTasksThatNeedIt() {
        TaskGraph g = graph(task("a", null), task("b", null, "a"), task("c", null, "a", "b"));
        assertEquals(3, g.edgeCount());
        assertArrayEquals(new int[] {1, 2}, g.successors(0));
        assertArrayEquals(new int[] {0, 1}, g.predecessors(2));
        assertEquals(2, g.indexOf("c"));
        assertEquals(-1, g.indexOf("nope"));
        Graph<String, DefaultEdge> j = g.toJGraphT();
        assertTrue(j.containsEdge("a", "b"));
        assertTrue(j.containsEdge("b", "c"));
        assertFalse(j.containsEdge("c", "a"));
    }

    @Test
    void topologicalOrderPutsDependenciesFirstAndOtherwiseKeepsFileOrder() {
        TaskGraph g = graph(task("deploy", null, "build"), task("lint", null), task("build", null), task("docs", null));
        List<String> order = new ArrayList<>();
        for (int v : g.topologicalOrder()) {
            order.add(g.id(v));
        }
        assertEquals(List.of("lint", "build", "docs", "deploy"), order);
    }

    @Test
    void aTwoTaskCycleIsReportedAsItsPath() {
        DependencyCycleException e =
                assertThrows(DependencyCycleException.class, () -> graph(task("a", null, "b"), task("b", null, "a")));
        assertEquals(List.of("a", "b", "a"), e.cycle());
    }

    @Test
    void aFiveTaskCycleIsReportedAsItsPathEachTaskDependingOnTheNext() {
        DependencyCycleException e = assertThrows(
                DependencyCycleException.class,
                () -> graph(
                        task("start", null),
                        task("v", null, "start", "z"),
                        task("w", null, "v"),
                        task("x", null, "w"),
                        task("y", null, "x"),
                        task("z", null, "y"),
                        task("end", null, "z")));
        assertEquals(List.of("v", "z", "y", "x", "w", "v"), e.cycle());
        assertEquals(
                "test: dependency cycle v -> z -> y -> x -> w -> v; remove one of these depends_on entries",
                e.getMessage());
        assertCycleIsReal(e.cycle(), "v: start z; w: v; x: w; y: x; z: y");
    }

    @Test
    void theShortestWayRoundIsReportedWhenCyclesShareATask() {
        // a depends on b and on c; b depends on a (short), c -> d -> a (long)
        DependencyCycleException e = assertThrows(
                DependencyCycleException.class,
                () -> graph(
                        task("a", null, "c", "b"), task("b", null, "a"), task("c", null, "d"), task("d", null, "a")));
        assertEquals(List.of("a", "b", "a"), e.cycle());
    }

    @Test
    void aSelfDependencyInAnUnvalidatedSetIsACycleOfOne() {
        TaskSet unvalidated = new TaskSet("hand", List.of(task("a", null, "a")), null, null);
        DependencyCycleException e = assertThrows(DependencyCycleException.class, () -> TaskGraph.of(unvalidated));
        assertEquals(List.of("a", "a"), e.cycle());
    }

    @Test
    void anUnknownDependencyInAnUnvalidatedSetIsRefused() {
        TaskSet unvalidated = new TaskSet("hand", List.of(task("a", null), task("b", null, "c")), null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaskGraph.of(unvalidated));
        assertTrue(e.getMessage().startsWith("task 'b' depends on unknown task 'c'"), e.getMessage());
    }

    @Test
    void levelsAreTheWaves() {
        TaskGraph g = graph(task("a", null), task("b", null, "a"), task("c", null), task("d", null, "b", "c"));
        assertEquals(3, g.levelCount());
        assertEquals(List.of(0, 1, 0, 2), List.of(g.level(0), g.level(1), g.level(2), g.level(3)));
        assertEquals(0, TaskGraph.of(TaskSet.empty("none")).levelCount());
    }

    @Test
    void aChainIsAGraphWithASingleTopologicalOrder() {
        assertTrue(graph(task("a", null), task("b", null, "a"), task("c", null, "b"))
                .isChain());
        // a shortcut edge keeps it a chain
        assertTrue(graph(task("a", null), task("b", null, "a"), task("c", null, "b", "a"))
                .isChain());
        assertFalse(graph(task("a", null), task("b", null, "a"), task("c", null, "a"))
                .isChain());
        assertFalse(graph(task("a", null), task("b", null)).isChain());
    }

    @Test
    void aHundredThousandTaskChainIsAnalysedWithoutOverflowingTheStack() {
        TaskGraph g = TaskGraph.of(Tasks.chain(100_000, false));
        assertTrue(g.isChain());
        Analysis a = Analysis.of(g, 10);
        assertEquals(100_000, a.waves().size());
        assertEquals(100_000, a.criticalPath().tasks().size());
        assertEquals("t0", a.criticalPath().tasks().get(0));
        assertEquals(100_000.0, a.makespanSeconds());
        assertEquals(1.0, a.speedup());
        assertTrue(a.chain());
    }

    @Test
    void aHundredThousandTaskCycleIsFoundWithoutOverflowingTheStack() {
        DependencyCycleException e =
                assertThrows(DependencyCycleException.class, () -> TaskGraph.of(Tasks.chain(100_000, true)));
        assertEquals(100_001, e.cycle().size());
        assertEquals(List.of("t0", "t99999", "t99998"), e.cycle().subList(0, 3));
        assertEquals("t0", e.cycle().get(100_000));
    }

    /** Checks that each task of the path depends on the next, given "id: deps; …". */
    private static void assertCycleIsReal(List<String> cycle, String dependencies) {
        for (int i = 0; i + 1 < cycle.size(); i++) {
            String id = cycle.get(i);
            String deps = List.of(dependencies.split("; ")).stream()
                    .filter(d -> d.startsWith(id + ":"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(
                    List.of(deps.substring(id.length() + 1).trim().split(" ")).contains(cycle.get(i + 1)),
                    id + " depends on " + cycle.get(i + 1));
        }
    }

    @Test
    void aTaskSetBuiltByHandKeepsPositionsOutOfMessages() {
        Task a = task("a", null, "b");
        Task b = new Task(
                "b",
                null,
                null,
                List.of("a"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new Location("tasks.json", 7, 3));
        DependencyCycleException e = assertThrows(DependencyCycleException.class, () -> graph(b, a));
        assertEquals(
                "tasks.json:7:3: dependency cycle b -> a -> b; remove one of these depends_on entries", e.getMessage());
    }
}
