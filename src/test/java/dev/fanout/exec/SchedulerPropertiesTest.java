package dev.fanout.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.graph.ListSchedule;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The scheduler's invariants over random runs ({@link RunCase}: 1 to 300 tasks, random DAGs,
 * durations, outcomes per attempt, jobs, halt policies, retries, a cut), each run on virtual time
 * through the real {@link Scheduler} and {@link Plan} with a scripted task runner. Tries: jqwik's
 * default ({@code jqwik.tries.default}, set in junit-platform.properties; more with
 * {@code -Djqwik.tries.default=5000}).
 */
class SchedulerPropertiesTest {

    @Provide
    Arbitrary<RunCase> runs() {
        return RunCase.cases(300);
    }

    @Property
    void everyTaskEndsInExactlyOneFinalState(@ForAll("runs") RunCase c) {
        VirtualRun r = VirtualRun.of(c);

        for (int v = 0; v < c.tasks().size(); v++) {
            String id = RunCase.id(v);
            TaskResult result = r.results.get(id);
            assertTrue(result.status().isFinal(), () -> id + " is " + result.status() + "\n" + r);
            assertEquals(1, r.endedReports.getOrDefault(id, 0), () -> id + " reported ended once\n" + r);
            assertEquals(
                    r.attemptsOf(id).size(), result.attempts().size(), () -> id + ": recorded every attempt\n" + r);
        }
        assertTrue(r.seen.stream().allMatch(s -> s.end >= 0), () -> "an attempt never ended\n" + r);
    }

    @Property
    void noTaskStartsBeforeEachDependencySucceeded(@ForAll("runs") RunCase c) {
        VirtualRun r = VirtualRun.of(c);

        for (VirtualRun.Seen s : r.seen) {
            int v = r.graph.indexOf(s.task);
            for (int d : c.dependencies(v)) {
                String dep = RunCase.id(d);
                assertEquals(TaskStatus.SUCCEEDED, r.status(d), () -> s + " started, but " + dep + " did not succeed");
                assertTrue(
                        r.attemptsOf(dep).stream().anyMatch(a -> "SUCCEED".equals(a.how) && a.end <= s.start),
                        () -> s + " started before " + dep + " succeeded\n" + r);
            }
        }
    }

    @Property
    void aFailedTasksDependentsAreSkippedAndNeverRun(@ForAll("runs") RunCase c) {
        VirtualRun r = VirtualRun.of(c);
        boolean halted = c.halt() != HaltPolicy.NEVER || r.interrupted;

        for (int v = 0; v < c.tasks().size(); v++) {
            if (r.status(v) != TaskStatus.FAILED && r.status(v) != TaskStatus.TIMED_OUT) {
                continue;
            }
            String failed = RunCase.id(v);
            for (int w : dependents(r, v)) {
                String id = RunCase.id(w);
                TaskStatus s = r.status(w);
                assertTrue(
                        s == TaskStatus.SKIPPED || halted && s == TaskStatus.CANCELLED,
                        () -> id + " depends on failed " + failed + " but is " + s + "\n" + r);
                assertTrue(r.attemptsOf(id).isEmpty(), () -> id + " ran\n" + r);
            }
        }
    }

    @Property
    void neverMoreThanJobsRunAtOnce(@ForAll("runs") RunCase c) {
        VirtualRun r = VirtualRun.of(c);

        assertTrue(r.maxAlive <= c.jobs(), () -> r.maxAlive + " ran at once with jobs " + c.jobs() + "\n" + r);
    }

    @Property
    void haltSoonStartsNothingAfterTheFirstFailure(@ForAll("runs") RunCase any) {
        VirtualRun r = VirtualRun.of(any.withHalt(HaltPolicy.SOON));
        long failedAt = r.firstFailure();

        if (failedAt >= 0) {
            for (VirtualRun.Seen s : r.seen) {
                assertTrue(s.start < failedAt, () -> s + " started after the first failure at " + failedAt + "\n" + r);
            }
        }
    }

    @Property
    void haltNowLeavesNothingRunning(@ForAll("runs") RunCase any) {
        VirtualRun r = VirtualRun.of(any.withHalt(HaltPolicy.NOW));
        long failedAt = r.firstFailure();

        assertEquals(0, r.alive, () -> "attempts still alive\n" + r);
        if (failedAt >= 0) {
            for (VirtualRun.Seen s : r.seen) {
                assertTrue(s.end <= failedAt, () -> s + " ran on after the first failure at " + failedAt + "\n" + r);
            }
        }
    }

    @Property
    void retriesNeverExceedTheTasksRetries(@ForAll("runs") RunCase c) {
        VirtualRun r = VirtualRun.of(c);

        for (int v = 0; v < c.tasks().size(); v++) {
            int allowed = c.tasks().get(v).retries() + 1;
            int tried = r.attemptsOf(RunCase.id(v)).size();
            String id = RunCase.id(v);
            assertTrue(tried <= allowed, () -> id + " tried " + tried + " times, at most " + allowed + "\n" + r);
        }
    }

    @Property
    void aResumedRunRunsExactlyTheTasksThatDidNotSucceed(@ForAll("runs") RunCase any) {
        // an interrupted run (a cut, 10 s in unless the case has one), then a resume in which every attempt succeeds
        RunCase c = any.withCut(any.cutAtMillis() >= 0 ? any.cutAtMillis() : 10_000);
        VirtualRun first = VirtualRun.of(c);
        VirtualRun second = VirtualRun.resuming(c.allSucceed(), first.results);

        for (int v = 0; v < c.tasks().size(); v++) {
            String id = RunCase.id(v);
            TaskResult before = first.results.get(id);
            TaskResult after = second.results.get(id);
            assertTrue(before.status().isFinal(), () -> id + " not final in the first run\n" + first);
            assertEquals(TaskStatus.SUCCEEDED, after.status(), () -> id + " in the resumed run\n" + second);
            if (before.status() == TaskStatus.SUCCEEDED) {
                assertTrue(after.reused(), () -> id + " succeeded before: carried over");
                assertTrue(second.attemptsOf(id).isEmpty(), () -> id + " succeeded before, yet ran again\n" + second);
                assertEquals(0, second.endedReports.getOrDefault(id, 0));
            } else {
                assertFalse(after.reused(), () -> id + " was " + before.status() + ": not carried over");
                assertEquals(1, second.attemptsOf(id).size(), () -> id + " was " + before.status() + "\n" + second);
                assertEquals(1, second.endedReports.getOrDefault(id, 0));
            }
        }
    }

    @Property
    void withZeroOverheadTheMakespanIsTheListSchedulesEstimate(@ForAll("runs") RunCase any) {
        RunCase c = any.allSucceed();
        VirtualRun r = VirtualRun.of(c);
        double[] weights = new double[c.tasks().size()];
        for (int v = 0; v < weights.length; v++) {
            weights[v] = c.tasks().get(v).steps().get(0).seconds(); // task numbers are file order in both
        }
        double estimate = ListSchedule.plan(r.graph, weights, c.jobs(), false, c.parallel())
                .makespan();
        long end = r.seen.stream().mapToLong(s -> s.end).max().orElse(0);

        assertEquals(estimate, end / 1000.0, () -> "makespan\n" + r);
    }

    /** Every task that depends on {@code v}, directly or not. */
    private static Set<Integer> dependents(VirtualRun r, int v) {
        Set<Integer> seen = new HashSet<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>(java.util.List.of(v));
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int i = 0; i < r.graph.successorCount(u); i++) {
                int w = r.graph.successor(u, i);
                if (seen.add(w)) {
                    queue.add(w);
                }
            }
        }
        return seen;
    }
}
