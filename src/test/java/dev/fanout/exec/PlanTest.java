package dev.fanout.exec;

import static dev.fanout.exec.RunFixture.file;
import static dev.fanout.exec.RunFixture.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.graph.TaskGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan alone: no processes, no clock, no threads; the test says what happened and when. */
class PlanTest {
    private final List<String> settled = new ArrayList<>();
    private final List<String> stopped = new ArrayList<>();
    private TaskGraph graph;

    private Plan plan(ObjectNode tasksFile, int jobs, HaltPolicy halt, Plan.Pools pools) {
        graph = TaskGraph.of(RunFixture.parse(tasksFile));
        return new Plan(graph, StartOrder.of(graph, false, Map.of()), jobs, halt, pools, new Plan.Observer() {
            @Override
            public void settled(int task, TaskStatus status, String why) {
                settled.add(graph.id(task) + " " + status.key() + (why == null ? "" : ": " + why));
            }

            @Override
            public void stop(int task, String why) {
                stopped.add(graph.id(task));
            }
        });
    }

    private List<String> drain(Plan plan, long now) {
        List<String> started = new ArrayList<>();
        for (int v = plan.next(now); v != Plan.NONE; v = plan.next(now)) {
            started.add(graph.id(v));
        }
        return started;
    }

    private int id(String name) {
        return graph.indexOf(name);
    }

    @Test
    void aCarriedSuccessReleasesItsDependents() {
        Plan p = plan(
                file(null, task("a", "true"), task("b", "true", "a"), task("c", "true")),
                2,
                HaltPolicy.NEVER,
                Plan.Pools.NONE);
        p.carry(id("a"));
        p.carry(id("c"));

        assertEquals(List.of("b"), drain(p, 0), "b's only dependency succeeded in the earlier run");
        p.succeeded(id("b"));
        assertTrue(p.done());
        assertEquals(List.of("a succeeded", "c succeeded", "b succeeded"), settled);
    }

    @Test
    void noMoreThanJobsTasksAreHandedOutAndAFreedSlotIsReused() {
        Plan p = plan(
                file(null, task("a", "true"), task("b", "true"), task("c", "true")),
                2,
                HaltPolicy.NEVER,
                Plan.Pools.NONE);

        assertEquals(List.of("a", "b"), drain(p, 0));
        p.succeeded(id("a"));
        assertEquals(List.of("c"), drain(p, 0));
        assertEquals(2, p.running());
    }

    @Test
    void aPoolLimitHoldsBackItsTasksButNotOthers() {
        Plan.Pools pools = new Plan.Pools(Map.of("db", 1), Map.of("m1", "db", "m2", "db", "m3", "db"));
        Plan p = plan(
                file(null, task("m1", "true"), task("m2", "true"), task("m3", "true"), task("x", "true")),
                3,
                HaltPolicy.NEVER,
                pools);

        assertEquals(List.of("m1", "x"), drain(p, 0), "one db task at a time; x is in no pool");
        p.succeeded(id("x"));
        assertEquals(List.of(), drain(p, 0), "a free slot does not let a second db task in");
        p.succeeded(id("m1"));
        assertEquals(List.of("m2"), drain(p, 0), "the db pool's slot passes to the next db task, in order");
        p.succeeded(id("m2"));
        assertEquals(List.of("m3"), drain(p, 0));
        p.succeeded(id("m3"));
        assertTrue(p.done());
    }

    @Test
    void aPoolNeedsALimitOfAtLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> new Plan.Pools(Map.of("db", 0), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new Plan.Pools(Map.of(), Map.of("a", "db")));
    }

    @Test
    void aRetryBecomesReadyWhenItsDueTimeComes() {
        Plan p = plan(file(null, task("a", "true")), 1, HaltPolicy.NEVER, Plan.Pools.NONE);
        assertEquals(List.of("a"), drain(p, 0));

        assertTrue(p.retry(id("a"), 500));
        assertEquals(500, p.nextDue());
        assertEquals(List.of(), drain(p, 499));
        assertEquals(List.of("a"), drain(p, 500));
        assertEquals(Long.MAX_VALUE, p.nextDue());
    }

    @Test
    void aLostTaskRunsAgainAtOnceAndItsLostTryIsNotCounted() {
        Plan p = plan(file(null, task("a", "true"), task("b", "true")), 1, HaltPolicy.NEVER, Plan.Pools.NONE);
        assertEquals(List.of("a"), drain(p, 0));
        assertEquals(1, p.tries(id("a")));

        assertTrue(p.requeue(id("a")));

        assertEquals(0, p.tries(id("a")), "the lost try does not count against retries");
        assertEquals(0, p.running(), "its slot is free");
        assertEquals(List.of("a"), drain(p, 0), "back in the ready queue, ahead of b in start order, no backoff");
        assertEquals(1, p.tries(id("a")));
        assertTrue(p.retry(id("a"), 0));
        assertEquals(List.of("a"), drain(p, 0));
        assertEquals(2, p.tries(id("a")), "a real failure counts");
        assertEquals(List.of(), settled);
    }

    @Test
    void aTaskLostWhileTheRunHaltsIsNotRequeued() {
        Plan p = plan(file(null, task("a", "true"), task("b", "true")), 2, HaltPolicy.SOON, Plan.Pools.NONE);
        drain(p, 0);
        p.failed(id("b"), TaskStatus.FAILED);

        assertFalse(p.requeue(id("a")), "nothing starts again once halting");
        p.cancelled(id("a"));
        assertTrue(p.done());
    }

    @Test
    void aFailureSkipsEveryDependentOnceWithTheReason() {
        Plan p = plan(
                file(null, task("a", "true"), task("b", "true", "a"), task("c", "true", "a", "b"), task("d", "true")),
                2,
                HaltPolicy.NEVER,
                Plan.Pools.NONE);
        assertEquals(List.of("a", "d"), drain(p, 0));

        p.failed(id("a"), TaskStatus.TIMED_OUT);

        assertEquals(
                List.of("a timed_out", "b skipped: dependency a timed out", "c skipped: dependency a timed out"),
                settled);
        p.succeeded(id("d"));
        assertTrue(p.done());
    }

    @Test
    void haltNowCancelsWhatWaitsAndStopsWhatRuns() {
        Plan p = plan(
                file(null, task("a", "true"), task("b", "true"), task("c", "true"), task("d", "true", "c")),
                2,
                HaltPolicy.NOW,
                Plan.Pools.NONE);
        assertEquals(List.of("a", "b"), drain(p, 0));

        p.failed(id("a"), TaskStatus.FAILED);

        assertEquals(List.of("b"), stopped);
        assertEquals(List.of(), drain(p, 0));
        assertTrue(settled.contains("c cancelled: not started: --halt now after a failed"), settled.toString());
        assertTrue(p.retry(id("b"), 0) == false, "nothing is retried once halting");
        p.cancelled(id("b"));
        assertTrue(p.done());
    }

    @Test
    void aRetryWaitingWhenTheRunHaltsIsCancelledAsNotRetried() {
        Plan p = plan(file(null, task("a", "true"), task("b", "true")), 2, HaltPolicy.SOON, Plan.Pools.NONE);
        drain(p, 0);
        p.retry(id("a"), 1000);

        p.failed(id("b"), TaskStatus.FAILED);

        assertEquals(List.of("b failed", "a cancelled: not retried: --halt soon after b failed"), settled);
        assertTrue(p.done());
    }

    @Test
    void carryingOverOnceTheRunHasStartedIsABug() {
        Plan p = plan(file(null, task("a", "true"), task("b", "true")), 1, HaltPolicy.NEVER, Plan.Pools.NONE);
        drain(p, 0);

        assertThrows(IllegalStateException.class, () -> p.carry(id("b")));
    }

    @Test
    void onceAgentsMayNotStartEachIsSkippedWithTheReasonAndSoAreItsDependents() {
        Plan p = plan(
                file(null, task("a", "true"), task("b", "true"), task("c", "true", "b"), task("d", "true")),
                1,
                HaltPolicy.NEVER,
                Plan.Pools.NONE);
        assertEquals(List.of("a"), drain(p, 0));

        p.stopStarting(v -> graph.id(v).equals("b"), "cost limit 0.50 USD reached (spent 0.52)");
        p.succeeded(id("a"));

        assertEquals(List.of("d"), drain(p, 0), "b is not started; d, which the limit does not cover, is");
        assertEquals(
                List.of(
                        "a succeeded",
                        "b skipped: cost limit 0.50 USD reached (spent 0.52)",
                        "c skipped: dependency b skipped"),
                settled);
        p.succeeded(id("d"));
        assertTrue(p.done());
    }

    @Test
    void aTaskRunningWhenStartsStopRunsOnAndARetryOfItIsSkipped() {
        Plan p = plan(file(null, task("a", "true"), task("b", "true")), 2, HaltPolicy.NEVER, Plan.Pools.NONE);
        assertEquals(List.of("a", "b"), drain(p, 0));

        p.stopStarting(v -> true, "cost limit 1.00 USD reached (spent 1.10)");
        p.succeeded(id("b"));
        assertTrue(p.retry(id("a"), 100));

        assertEquals(List.of(), drain(p, 100));
        assertEquals(List.of("b succeeded", "a skipped: cost limit 1.00 USD reached (spent 1.10)"), settled);
        assertTrue(p.done());
    }

    @Test
    void anOverloadedPoolStartsNothingUntilItsBackoffEndsWhileOtherTasksGoOn() {
        Plan.Pools pools = new Plan.Pools(Map.of("claude", 2), Map.of("m1", "claude", "m2", "claude", "m3", "claude"));
        Plan p = plan(
                file(
                        null,
                        task("m1", "true"),
                        task("m2", "true"),
                        task("m3", "true"),
                        task("x", "true"),
                        task("y", "true")),
                3,
                HaltPolicy.NEVER,
                pools);
        assertEquals(List.of("m1", "m2", "x"), drain(p, 0));

        assertEquals(2000, p.poolOverloaded(id("m1"), 0, 2, 60), "2 s: backoff_base_seconds ^ 1");
        assertTrue(p.retry(id("m1"), 500));
        p.succeeded(id("x"));
        assertEquals(List.of("y"), drain(p, 100), "y is in no pool");
        p.succeeded(id("y"));
        p.succeeded(id("m2"));
        assertEquals(List.of(), drain(p, 500), "m1's retry is due, but its pool backs off");
        assertEquals(2000, p.nextDue());
        assertEquals(List.of(), drain(p, 1999));
        assertEquals(List.of("m1", "m3"), drain(p, 2000));
    }

    @Test
    void aPoolsBackoffGrowsWithOverloadsInARowUpToTheCapAndASuccessResetsIt() {
        Plan.Pools pools = new Plan.Pools(Map.of("claude", 3), Map.of("a", "claude", "b", "claude", "c", "claude"));
        Plan p = plan(file(null, task("a", "true"), task("b", "true"), task("c", "true")), 3, HaltPolicy.NEVER, pools);
        drain(p, 0);

        assertEquals(2000, p.poolOverloaded(id("a"), 0, 2, 5));
        assertEquals(4000 + 10, p.poolOverloaded(id("b"), 10, 2, 5));
        assertEquals(5000 + 20, p.poolOverloaded(id("c"), 20, 2, 5), "capped at max_backoff_seconds");
        p.succeeded(id("a"));
        assertEquals(8000, p.poolOverloaded(id("b"), 6000, 2, 5), "a success starts the count again");
    }
}
