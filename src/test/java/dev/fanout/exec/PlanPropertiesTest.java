package dev.fanout.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.graph.TaskGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The plan alone, driven the way a runner would drive it but in a random order: any running task
 * may end next, with its scripted outcome, and time moves on by random steps. Random named pools
 * are added to the {@link RunCase}'s graph.
 */
class PlanPropertiesTest {

    /** A run case, pools (a limit each; task i is in pool {@code poolOf.get(i % size)}, -1 for none), and a seed for the order of ends. */
    record PooledCase(RunCase run, List<Integer> limits, List<Integer> poolOf, long seed) {
        Plan.Pools pools() {
            Map<String, Integer> l = new HashMap<>();
            for (int p = 0; p < limits.size(); p++) {
                l.put("p" + p, limits.get(p));
            }
            Map<String, String> of = new HashMap<>();
            for (int v = 0; v < run.tasks().size() && !poolOf.isEmpty(); v++) {
                int p = poolOf.get(v % poolOf.size());
                if (p >= 0 && p < limits.size()) {
                    of.put(RunCase.id(v), "p" + p);
                }
            }
            return new Plan.Pools(l, of);
        }

        @Override
        public String toString() {
            return run + "pools " + limits + ", by task " + pools().poolOfTask() + ", seed " + seed;
        }
    }

    @Provide
    Arbitrary<PooledCase> cases() {
        return Combinators.combine(
                        RunCase.cases(300),
                        Arbitraries.integers().between(1, 3).list().ofMaxSize(3),
                        Arbitraries.integers().between(-1, 2).list().ofMaxSize(8),
                        Arbitraries.longs())
                .as(PooledCase::new);
    }

    /** What a random drive of the plan saw. */
    static final class Drive implements Plan.Observer {
        final PooledCase c;
        final TaskGraph graph;
        final Plan plan;
        final int[] settled;
        final int[] attempts;
        final boolean[] stopAsked;
        final List<Integer> running = new ArrayList<>();
        final Map<String, Integer> inPool = new HashMap<>();
        int maxRunning;
        final List<String> log = new ArrayList<>();
        /** With it, starts of even tasks stop at a random moment and failures of pool tasks back their pool off. */
        final boolean closeAndOverload;

        boolean closed;
        final Map<String, Long> poolNotBefore = new HashMap<>();

        Drive(PooledCase c) {
            this(c, false);
        }

        Drive(PooledCase c, boolean closeAndOverload) {
            this.c = c;
            this.closeAndOverload = closeAndOverload;
            graph = TaskGraph.of(c.run().taskSet());
            int n = graph.size();
            settled = new int[n];
            attempts = new int[n];
            stopAsked = new boolean[n];
            plan = new Plan(
                    graph,
                    StartOrder.of(graph, c.run().parallel(), Map.of()),
                    c.run().jobs(),
                    c.run().halt(),
                    c.pools(),
                    this);
            run();
        }

        private void run() {
            Random order = new Random(c.seed());
            long now = 0;
            while (!plan.done()) {
                for (int v = plan.next(now); v != Plan.NONE; v = plan.next(now)) {
                    started(v, now);
                }
                if (running.isEmpty()) {
                    if (plan.done()) {
                        break; // the last tasks were skipped as their turn came
                    }
                    assertNotEquals(Long.MAX_VALUE, plan.nextDue(), () -> "stalled: nothing runs or waits\n" + this);
                    now = plan.nextDue();
                    continue;
                }
                int v = running.remove(order.nextInt(running.size()));
                String pool = c.pools().poolOfTask().get(graph.id(v));
                if (pool != null) {
                    inPool.merge(pool, -1, Integer::sum);
                }
                RunCase.Step step = c.run().tasks().get(v).step(attempts[v]);
                if (closeAndOverload && !closed && order.nextInt(4) == 0) {
                    closed = true;
                    plan.stopStarting(t -> t % 2 == 0, "closed");
                    log.add("close");
                }
                if (closeAndOverload && pool != null && step.kind() != RunCase.Kind.SUCCEED && !stopAsked[v]) {
                    long until = plan.poolOverloaded(v, now, 2, 5);
                    poolNotBefore.merge(pool, until, Math::max);
                    log.add(pool + " backs off until " + until);
                }
                log.add(graph.id(v) + "#" + attempts[v] + (stopAsked[v] ? " stopped" : " " + step.kind()));
                if (stopAsked[v]) {
                    plan.cancelled(v);
                } else if (step.kind() == RunCase.Kind.SUCCEED) {
                    plan.succeeded(v);
                } else if (attempts[v] > c.run().tasks().get(v).retries()
                        || !plan.retry(v, now + 1000L * attempts[v])) {
                    plan.failed(v, step.kind() == RunCase.Kind.HANG ? TaskStatus.TIMED_OUT : TaskStatus.FAILED);
                }
                now += order.nextInt(1500);
            }
        }

        private void started(int v, long now) {
            for (int i = 0; i < graph.predecessorCount(v); i++) {
                int d = graph.predecessor(v, i);
                assertEquals(
                        TaskStatus.SUCCEEDED,
                        plan.status(d),
                        () -> graph.id(v) + " started before " + graph.id(d) + " succeeded\n" + this);
            }
            assertTrue(
                    !closed || v % 2 != 0, () -> graph.id(v) + " started after starts of even tasks stopped\n" + this);
            String backedOff = c.pools().poolOfTask().get(graph.id(v));
            long due = backedOff == null ? 0 : poolNotBefore.getOrDefault(backedOff, 0L);
            assertTrue(
                    due <= now,
                    () -> graph.id(v) + " started at " + now + ", its pool backs off until " + due + "\n" + this);
            attempts[v]++;
            running.add(v);
            log.add("start " + graph.id(v) + "#" + attempts[v]);
            maxRunning = Math.max(maxRunning, running.size());
            String pool = c.pools().poolOfTask().get(graph.id(v));
            if (pool != null) {
                int inside = inPool.merge(pool, 1, Integer::sum);
                int limit = c.pools().limits().get(pool);
                assertTrue(
                        inside <= limit,
                        () -> inside + " tasks of pool " + pool + " run, limit " + limit + "\n" + this);
            }
        }

        @Override
        public void settled(int task, TaskStatus status, String why) {
            settled[task]++;
            log.add(graph.id(task) + " " + status.key());
        }

        @Override
        public void stop(int task, String why) {
            stopAsked[task] = true;
        }

        @Override
        public String toString() {
            return c + "\n" + String.join("; ", log);
        }
    }

    @Property
    void everyTaskIsSettledExactlyOnce(@ForAll("cases") PooledCase c) {
        Drive d = new Drive(c);

        for (int v = 0; v < d.settled.length; v++) {
            int v0 = v;
            assertEquals(1, d.settled[v], () -> d.graph.id(v0) + " settled " + d.settled[v0] + " times\n" + d);
            assertTrue(d.plan.status(v).isFinal());
        }
    }

    @Property
    void neitherJobsNorAPoolsLimitIsEverExceeded(@ForAll("cases") PooledCase c) {
        Drive d = new Drive(c); // each start checks its pool

        assertTrue(d.maxRunning <= c.run().jobs(), () -> d.maxRunning + " ran at once\n" + d);
    }

    @Property
    void aTaskStartsOnlyOnceItsDependenciesSucceededAndRetriesStayWithinRetries(@ForAll("cases") PooledCase c) {
        Drive d = new Drive(c); // each start checks its dependencies

        for (int v = 0; v < d.attempts.length; v++) {
            int v0 = v;
            int allowed = c.run().tasks().get(v).retries() + 1;
            assertTrue(d.attempts[v] <= allowed, () -> d.graph.id(v0) + " tried " + d.attempts[v0] + " times\n" + d);
        }
    }

    @Property
    void stoppedStartsAndPoolBackoffsStartNothingTheyCoverAndEveryTaskIsStillSettledOnce(
            @ForAll("cases") PooledCase c) {
        Drive d = new Drive(c, true); // each start checks the closed predicate and its pool's due time

        for (int v = 0; v < d.settled.length; v++) {
            int v0 = v;
            assertEquals(1, d.settled[v], () -> d.graph.id(v0) + " settled " + d.settled[v0] + " times\n" + d);
        }
    }
}
