package dev.fanout.exec;

import static dev.fanout.exec.RunFixture.config;
import static dev.fanout.exec.RunFixture.file;
import static dev.fanout.exec.RunFixture.q;
import static dev.fanout.exec.RunFixture.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.graph.TaskGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerTest {
    @TempDir
    Path tmp;

    /** A command that logs its start and end around {@code body}, so tests see the real order. */
    private String logged(String body) {
        Path log = tmp.resolve("order.log");
        return "echo \"start $FANOUT_TASK_ID\" >> " + q(log) + "; " + body + "; echo \"end $FANOUT_TASK_ID\" >> "
                + q(log);
    }

    private List<String> order() throws IOException {
        return Files.readAllLines(tmp.resolve("order.log"));
    }

    private List<String> starts() throws IOException {
        return order().stream()
                .filter(l -> l.startsWith("start "))
                .map(l -> l.substring(6))
                .toList();
    }

    private RunRecord run(ObjectNode tasksFile, RunOptions options) {
        return new RunFixture(tmp.resolve("home")).run(tasksFile, options);
    }

    @Test
    void aTaskStartsWhenItsDependenciesSucceededNotWhenItsWaveEnds() {
        // 'long' can only end once 'after' has run. With a barrier between waves ({long, first}
        // then {after}) it would wait for itself and time out.
        Path done = tmp.resolve("after.done");
        ObjectNode waiting = task("long", "until [ -e " + q(done) + " ]; do sleep 0.01; done");
        waiting.put("timeout_seconds", 20).put("retries", 0);
        RunRecord r = run(
                file(null, waiting, task("first", "true"), task("after", "touch " + q(done), "first")),
                RunFixture.parallel(2));

        assertEquals(RunState.SUCCEEDED, r.state(), () -> r.results().toString());
        Attempt after = r.results().get("after").lastAttempt();
        Attempt longOne = r.results().get("long").lastAttempt();
        assertTrue(after.startedAt().isBefore(longOne.endedAt()), "after started before long ended");
    }

    @Test
    void amongReadyTasksTheLongestRemainingPathGoesFirst() throws IOException {
        // one slot, so the order is the priority order: y1 heads a chain of three, x stands alone
        run(
                file(
                        null,
                        task("x", logged("true")),
                        task("y1", logged("true")),
                        task("y2", logged("true"), "y1"),
                        task("y3", logged("true"), "y2")),
                RunFixture.parallel(1));

        assertEquals(List.of("y1", "y2", "x", "y3"), starts());
    }

    @Test
    void estimatesWeighTheRemainingPath() throws IOException {
        ObjectNode x = task("x", logged("true"));
        x.put("estimated_seconds", 10);
        run(
                file(
                        null,
                        x,
                        task("y1", logged("true")),
                        task("y2", logged("true"), "y1"),
                        task("y3", logged("true"), "y2")),
                RunFixture.parallel(1));

        assertEquals(List.of("x", "y1", "y2", "y3"), starts());
    }

    @Test
    void durationsMeasuredInEarlierRunsOverrideEstimates() throws IOException {
        ObjectNode p = task("p", logged("true"));
        p.put("estimated_seconds", 5);
        // q must outlast the first process start of a cold JVM (over 0.5 s on a loaded machine), which p pays
        ObjectNode qTask = task("q", logged("sleep 1.5"));
        qTask.put("estimated_seconds", 1);
        ObjectNode tasks = file(null, p, qTask);
        RunFixture fixture = new RunFixture(tmp.resolve("home"));

        fixture.run(tasks, RunFixture.parallel(1));
        assertEquals(List.of("p", "q"), starts(), "first run: by estimates");
        Files.delete(tmp.resolve("order.log"));
        fixture.run(tasks, RunFixture.parallel(1));
        assertEquals(List.of("q", "p"), starts(), "second run: q was measured longer");
    }

    @Test
    void jobsLimitsHowManyTasksRunAtOnce() throws IOException {
        // real processes: each task counts the tasks alive beside it (itself included) through
        // marker folders. Only the bound is asserted here; whether the slots fill up depends on
        // the machine's load, and is shown on virtual time below.
        Path running = Files.createDirectory(tmp.resolve("running"));
        Path counts = tmp.resolve("counts");
        String body = "mkdir " + q(running) + "/$FANOUT_TASK_ID; ls " + q(running) + " | wc -l >> " + q(counts)
                + "; sleep 0.2; rmdir " + q(running) + "/$FANOUT_TASK_ID";
        ObjectNode[] tasks = new ObjectNode[9];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = task("t" + i, body);
        }
        RunRecord r = run(file(null, tasks), RunFixture.parallel(3));

        assertEquals(RunState.SUCCEEDED, r.state());
        int max = Files.readAllLines(counts).stream()
                .mapToInt(l -> Integer.parseInt(l.trim()))
                .max()
                .orElseThrow();
        assertTrue(max >= 1 && max <= 3, "never more than --jobs at once: " + max);
        assertTrue(maxOverlap(r) <= 3, "attempt intervals overlap at most 3 deep");
    }

    @Test
    void jobsSlotsAreAllUsedWhenEnoughTasksAreReady() {
        // virtual time: nine independent 4 s tasks on three slots run as three full rounds
        List<RunCase.Spec> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(new RunCase.Spec(List.of(), 0, List.of(new RunCase.Step(RunCase.Kind.SUCCEED, 4))));
        }
        VirtualRun r = VirtualRun.of(new RunCase(nine, 3, true, HaltPolicy.NEVER, -1));

        assertEquals(3, r.maxAlive, "the peak is exactly --jobs");
        assertEquals(
                List.of(0L, 0L, 0L, 4000L, 4000L, 4000L, 8000L, 8000L, 8000L),
                r.seen.stream().map(s -> s.start).toList(),
                "each freed slot is taken at once");
    }

    private static int maxOverlap(RunRecord r) {
        List<long[]> events = new ArrayList<>();
        r.results()
                .values()
                .forEach(t -> t.attempts().forEach(a -> {
                    events.add(new long[] {
                        a.startedAt().toEpochMilli() * 1000 + a.startedAt().getNano() / 1000 % 1000, 1
                    });
                    events.add(new long[] {
                        a.endedAt().toEpochMilli() * 1000 + a.endedAt().getNano() / 1000 % 1000, -1
                    });
                }));
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int max = 0;
        for (long[] e : events) {
            now += e[1];
            max = Math.max(max, now);
        }
        return max;
    }

    @Test
    void sequentialModeRunsOneTaskAtATimeInTopologicalOrder() throws IOException {
        ObjectNode tasks = file(
                null,
                task("c", logged("sleep 0.05"), "b"),
                task("a", logged("sleep 0.05")),
                task("d", logged("sleep 0.05")),
                task("b", logged("sleep 0.05"), "a"));
        RunRecord r = run(tasks, RunFixture.sequential());

        assertEquals(RunState.SUCCEEDED, r.state());
        TaskGraph graph = TaskGraph.of(RunFixture.parse(tasks));
        List<String> topo =
                Arrays.stream(graph.topologicalOrder()).mapToObj(graph::id).toList();
        assertEquals(List.of("a", "d", "b", "c"), topo, "the file's topological order (ties by file order)");
        List<String> expected = new ArrayList<>();
        topo.forEach(id -> expected.addAll(List.of("start " + id, "end " + id)));
        assertEquals(expected, order(), "each task ends before the next starts");
    }

    @Test
    void aFailedTaskSkipsItsDependentsAndLeavesUnrelatedTasksRunning() {
        ObjectNode bad = task("auth-service", "exit 1");
        bad.put("retries", 0);
        RunRecord r = run(
                file(null, bad, task("api", "true", "auth-service"), task("ui", "true", "api"), task("docs", "true")),
                RunFixture.parallel(2));

        assertEquals(TaskStatus.FAILED, r.results().get("auth-service").status());
        assertEquals(TaskStatus.SKIPPED, r.results().get("api").status());
        assertEquals("dependency auth-service failed", r.results().get("api").reason());
        assertEquals(TaskStatus.SKIPPED, r.results().get("ui").status());
        assertTrue(
                r.results().get("ui").reason().contains("auth-service"),
                r.results().get("ui").reason());
        assertEquals(TaskStatus.SUCCEEDED, r.results().get("docs").status());
        assertEquals(RunState.PARTIAL, r.state());
    }

    @Test
    void aRunWhereEveryTaskFailsIsFailed() {
        RunRecord r =
                run(file(config("max_retries", 0), task("a", "exit 1"), task("b", "exit 2")), RunFixture.parallel(2));

        assertEquals(RunState.FAILED, r.state());
    }

    @Test
    void haltSoonStartsNothingNewButLetsRunningTasksFinish() {
        Path started = tmp.resolve("slow.started");
        ObjectNode fail = task("fail", "until [ -e " + q(started) + " ]; do sleep 0.01; done; exit 1");
        fail.put("retries", 0);
        RunRecord r = run(
                file(null, fail, task("slow", "touch " + q(started) + "; sleep 0.3"), task("later", "true")),
                new RunOptions(2, true, HaltPolicy.SOON, OutputMode.GROUP, null));

        assertEquals(TaskStatus.FAILED, r.results().get("fail").status());
        assertEquals(TaskStatus.SUCCEEDED, r.results().get("slow").status(), "running tasks finish");
        assertEquals(TaskStatus.CANCELLED, r.results().get("later").status());
        assertTrue(
                r.results().get("later").reason().contains("--halt soon"),
                r.results().get("later").reason());
        assertTrue(r.results().get("later").attempts().isEmpty());
    }

    @Test
    void haltNowStopsRunningTasksToo() throws IOException {
        Path started = tmp.resolve("slow.started");
        Path pid = tmp.resolve("slow.pid");
        ObjectNode fail = task("fail", "until [ -e " + q(started) + " ]; do sleep 0.01; done; exit 1");
        fail.put("retries", 0);
        ObjectNode slow = task("slow", "echo $$ > " + q(pid) + "; touch " + q(started) + "; sleep 30");
        long t0 = System.nanoTime();
        RunRecord r = run(
                file(null, fail, slow, task("later", "true")),
                new RunOptions(2, true, HaltPolicy.NOW, OutputMode.GROUP, null));

        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "slow was stopped, not waited for");
        assertEquals(TaskStatus.FAILED, r.results().get("fail").status());
        assertEquals(TaskStatus.CANCELLED, r.results().get("slow").status());
        assertTrue(
                r.results().get("slow").reason().contains("--halt now"),
                r.results().get("slow").reason());
        assertEquals(TaskStatus.CANCELLED, r.results().get("later").status());
        assertTrue(!Leftovers.alive(Leftovers.pidIn(pid)), "slow's process is gone");
    }

    @Test
    void aTaskThatDiesOfCtrlCJustBeforeFanoutHearsOfItReadsAsCancelled() throws Exception {
        // on a terminal Ctrl-C reaches the task's process group and fanout alike, and the task's
        // end may be reported first; an attempt this test ends by hand fixes that order
        CompletableFuture<RunningAttempt.AttemptEnd> end = new CompletableFuture<>();
        CountDownLatch started = new CountDownLatch(1);
        TaskRunner runner = (task, ctx) -> {
            started.countDown();
            return new RunningAttempt() {
                @Override
                public CompletableFuture<AttemptEnd> ended() {
                    return end;
                }

                @Override
                public void stop() {}
            };
        };
        ObjectNode t = task("victim", "true");
        t.put("retries", 0);
        Run run = new RunFixture(tmp.resolve("home"))
                .prepare(
                        file(null, t, task("after", "true", "victim")),
                        RunFixture.parallel(1),
                        RunListener.NONE,
                        runner);
        Thread ctrlC = new Thread(() -> {
            try {
                started.await();
            } catch (InterruptedException e) {
                return;
            }
            while (end.getNumberOfDependents() == 0) {
                Thread.onSpinWait(); // until the scheduler listens for the end
            }
            end.complete(new RunningAttempt.AttemptEnd(130, 0, null)); // reported first ...
            run.cancel("Ctrl-C"); // ... fanout's own handler next
        });
        ctrlC.start();
        RunRecord r = run.execute();
        ctrlC.join();

        assertEquals(RunState.INTERRUPTED, r.state());
        assertEquals(
                TaskStatus.CANCELLED,
                r.results().get("victim").status(),
                r.results().get("victim").toString());
        assertEquals(TaskStatus.CANCELLED, r.results().get("after").status());
    }

    @Test
    void aTaskThatDiesOfSigintWithNoCtrlCFails() {
        // the shell starts with SIGINT at its default even under nohup, so that it can die of it
        ObjectNode t = task("victim", "kill -INT $$");
        ArrayNode argv = t.putArray("command");
        dev.fanout.DefaultSignals.argv("sh", "-c", "kill -INT $$").forEach(argv::add);
        t.put("retries", 0);
        RunRecord r = run(file(null, t), RunFixture.parallel(1));

        assertEquals(TaskStatus.FAILED, r.results().get("victim").status());
        assertEquals(130, r.results().get("victim").lastAttempt().exitCode());
    }

    @Test
    void aListenerThatThrowsIsDroppedAndTheRunStillEndsWithItsRecord() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        RunListener broken = new RunListener() {
            @Override
            public void taskStarted(String taskId, int attempt) {
                calls.incrementAndGet();
                throw new java.io.IOError(new IOException("the terminal went away"));
            }
        };
        RunRecord r = new RunFixture(tmp.resolve("home"))
                .prepare(
                        file(null, task("a", "true"), task("b", "true", "a"), task("c", "true", "b")),
                        RunFixture.parallel(2),
                        broken)
                .execute();

        assertEquals(RunState.SUCCEEDED, r.state());
        assertEquals(1, calls.get(), "not called again after it threw");
    }

    @Test
    void aTaskTheResolverSettlesDoesNotRunAndCountsAsASuccessForItsDependents() throws IOException {
        Resolver resolver = (t, ctx) -> t.id().equals("build")
                ? new Resolver.Resolution(
                        new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"n\": 1}"), "cached")
                : null;
        RunRecord r = new RunFixture(tmp.resolve("home"))
                .prepare(
                        file(null, task("build", logged("true")), task("test", logged("true"), "build")),
                        RunFixture.parallel(2),
                        RunListener.NONE,
                        new CommandRunner(),
                        resolver)
                .execute();

        assertEquals(RunState.SUCCEEDED, r.state());
        TaskResult build = r.results().get("build");
        assertEquals(TaskStatus.SUCCEEDED, build.status());
        assertEquals("cached", build.reason());
        assertTrue(build.attempts().isEmpty(), "it took no attempt");
        assertEquals(1, build.result().path("n").asInt());
        assertEquals(List.of("test"), starts(), "only test ran");
    }
}
