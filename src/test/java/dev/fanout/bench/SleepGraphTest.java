package dev.fanout.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures a runner is judged against, on a graph small enough to work out by hand. */
class SleepGraphTest {
    // 0 (1 s) -> 1 (2 s) and 2 (1 s) -> 3 (1 s): a diamond with a heavy left side
    private final SleepGraph diamond = new SleepGraph(new double[] {1, 2, 1, 1}, new int[][] {{}, {0}, {0}, {1, 2}});

    @Test
    void boundsOfADiamondAreWorkOnOneSlotAndTheCriticalPathOnTwo() {
        assertEquals(5, diamond.totalWork(), 1e-9);
        assertEquals(4, diamond.criticalPath(), 1e-9);
        assertEquals(5, diamond.lowerBound(1), 1e-9);
        assertEquals(4, diamond.lowerBound(2), 1e-9);
    }

    @Test
    void tasksThatCannotStartEarlyTightenTheBound() {
        // 0 (1 s), then four 1 s tasks after it, on 2 slots: the plain bound says 2.5, but the
        // four cannot start before 1 s, so 1 + 4 / 2 = 3, which is what a schedule reaches
        SleepGraph fan = new SleepGraph(new double[] {1, 1, 1, 1, 1}, new int[][] {{}, {0}, {0}, {0}, {0}});
        assertEquals(2.5, fan.lowerBound(2), 1e-9);
        assertEquals(3, fan.earliestStartBound(2), 1e-9);
        assertEquals(3, fan.listScheduleMakespan(2), 1e-9);
        assertEquals(4, diamond.earliestStartBound(2), 1e-9, "never below the critical path");
    }

    @Test
    void wavesAreLevelsOfDependencyDepth() {
        assertArrayEquals(new int[] {0, 1, 1, 2}, diamond.waves());
        assertEquals(List.of(List.of(0), List.of(1, 2), List.of(3)), diamond.waveMembers());
        assertEquals(4, diamond.waveBarrierMakespan(2), 1e-9);
        assertEquals(5, diamond.waveBarrierMakespan(1), 1e-9);
    }

    @Test
    void listSchedulingReachesTheCriticalPathWhenSlotsSuffice() {
        assertEquals(4, diamond.listScheduleMakespan(2), 1e-9);
        assertEquals(5, diamond.listScheduleMakespan(1), 1e-9);
    }

    @Test
    void waveBarriersCostTimeThatListSchedulingDoesNot() {
        // 0 (1 s) and 1 (3 s) start together; 2 (2 s) needs only 0, so it overlaps 1 without barriers
        SleepGraph g = new SleepGraph(new double[] {1, 3, 2}, new int[][] {{}, {}, {0}});
        assertEquals(3, g.listScheduleMakespan(2), 1e-9);
        assertEquals(5, g.waveBarrierMakespan(2), 1e-9);
    }

    @Test
    void theSameSeedGivesTheSameGraphOfShortTasksWithAboutTwoDependencies() {
        SleepGraph a = SleepGraph.random(200, 42);
        SleepGraph b = SleepGraph.random(200, 42);
        assertArrayEquals(a.seconds(), b.seconds());
        assertArrayEquals(a.deps(), b.deps());
        int edges = 0;
        for (int i = 0; i < a.size(); i++) {
            assertTrue(a.seconds()[i] >= 0.02 && a.seconds()[i] <= 0.2, "task " + i + " lasts " + a.seconds()[i]);
            assertTrue(i == 0 ? a.deps()[i].length == 0 : a.deps()[i].length >= 1 && a.deps()[i].length <= 3);
            edges += a.deps()[i].length;
        }
        assertEquals(2.0, edges / 200.0, 0.2);
    }

    @Test
    void aDependencyOnALaterTaskIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SleepGraph(new double[] {1, 1}, new int[][] {{1}, {}}));
    }
}
