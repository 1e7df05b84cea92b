package dev.fanout.exec;

import static dev.fanout.exec.RunFixture.file;
import static dev.fanout.exec.RunFixture.q;
import static dev.fanout.exec.RunFixture.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts stop whole process trees, and no process of a run outlives it. */
class ProcessTreeTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void linux() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc to see processes");
    }

    private RunRecord run(ObjectNode... tasks) {
        return new RunFixture(tmp.resolve("home")).run(file(null, tasks), RunFixture.parallel(2));
    }

    private static ObjectNode timed(ObjectNode task, double seconds) {
        task.put("timeout_seconds", seconds).put("retries", 0);
        return task;
    }

    @Test
    void aTaskThatOverrunsItsTimeoutIsStoppedWithTermAndTimedOut() throws IOException {
        Path pid = tmp.resolve("pid");
        long t0 = System.nanoTime();
        RunRecord r = run(timed(task("slow", "echo $$ > " + q(pid) + "; sleep 30"), 0.3));

        TaskResult slow = r.results().get("slow");
        assertEquals(TaskStatus.TIMED_OUT, slow.status());
        assertEquals(15, slow.lastAttempt().signal(), "TERM was enough");
        assertTrue(slow.reason().startsWith("timed out after 0.3s"), slow.reason());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
        assertFalse(Leftovers.alive(Leftovers.pidIn(pid)));
    }

    @Test
    void aTaskThatIgnoresTermIsKilledAfterTheGrace() throws IOException {
        Path pid = tmp.resolve("pid");
        long t0 = System.nanoTime();
        RunRecord r = run(timed(task("stubborn", "trap '' TERM; echo $$ > " + q(pid) + "; sleep 30; sleep 30"), 0.3));

        TaskResult t = r.results().get("stubborn");
        assertEquals(TaskStatus.TIMED_OUT, t.status());
        assertEquals(9, t.lastAttempt().signal(), "TERM was ignored, so KILL ended it");
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
        assertFalse(Leftovers.alive(Leftovers.pidIn(pid)));
        assertEquals(List.of(), Leftovers.withRunId(r.runId()));
    }

    @Test
    void aGrandchildThatOutlivesItsTaskIsStoppedWhenTheRunEnds() throws IOException {
        Path pid = tmp.resolve("grandchild.pid");
        RunRecord r = run(task("spawner", "sleep 30 & echo $! > " + q(pid)));

        assertEquals(TaskStatus.SUCCEEDED, r.results().get("spawner").status());
        assertFalse(Leftovers.alive(Leftovers.pidIn(pid)), "the background sleep was stopped");
        assertEquals(List.of(), Leftovers.withRunId(r.runId()));
    }

    @Test
    void aTimedOutTaskWhoseGrandchildIgnoresTermLeavesNoOrphan() throws IOException {
        Path pid = tmp.resolve("grandchild.pid");
        Path ready = tmp.resolve("ready");
        String grandchild =
                "trap '' TERM; echo $$ > " + q(pid) + "; touch " + q(ready) + "; while :; do sleep 0.01; done";
        ObjectNode t = timed(
                task(
                        "parent",
                        "sh -c " + q(Path.of(grandchild)) + " & until [ -e " + q(ready)
                                + " ]; do sleep 0.01; done; sleep 30"),
                0.5);
        RunRecord r = run(t);

        assertEquals(TaskStatus.TIMED_OUT, r.results().get("parent").status());
        assertFalse(Leftovers.alive(Leftovers.pidIn(pid)), "the TERM-proof grandchild was killed");
        assertEquals(List.of(), Leftovers.withRunId(r.runId()));
    }

    @Test
    void aDetachedGrandchildThatIgnoresTermIsStoppedWhenTheRunEnds() throws IOException {
        // the task exits at once; its grandchild, in a session of its own, shrugs off TERM
        Path pid = tmp.resolve("grandchild.pid");
        Path ready = tmp.resolve("ready");
        String grandchild =
                "trap '' TERM; echo $$ > " + q(pid) + "; touch " + q(ready) + "; while :; do sleep 0.01; done";
        RunRecord r = run(task(
                "detacher",
                "setsid sh -c " + q(Path.of(grandchild)) + " & until [ -e " + q(ready) + " ]; do sleep 0.01; done"));

        assertEquals(TaskStatus.SUCCEEDED, r.results().get("detacher").status());
        assertFalse(Leftovers.alive(Leftovers.pidIn(pid)));
        assertEquals(List.of(), Leftovers.withRunId(r.runId()));
    }
}
