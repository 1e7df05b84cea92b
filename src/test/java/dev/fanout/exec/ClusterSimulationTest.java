package dev.fanout.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.graph.TaskGraph;
import org.junit.jupiter.api.Test;

/** The scheduling core against a simulated cluster, small enough for the fast tier (issue 17). */
class ClusterSimulationTest {
    @Test
    void aWideRandomGraphOnManyWorkersEndsWithinFivePercentOfTheLowerBound() {
        TaskGraph g = TaskGraph.of(ClusterSimulation.graph(50_000, 3));

        ClusterSimulation.Outcome o = ClusterSimulation.run(g, 100, 8);

        assertEquals(50_000, o.decisions(), "one decision a task: nothing ran twice, nothing was left");
        assertTrue(o.makespan() >= o.lowerBound(), o.toString());
        assertTrue(o.overBound() <= 1.05, "makespan " + o.makespan() + " over bound " + o.lowerBound());
    }
}
