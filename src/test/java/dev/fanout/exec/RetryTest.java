package dev.fanout.exec;

import static dev.fanout.exec.RunFixture.argvTask;
import static dev.fanout.exec.RunFixture.config;
import static dev.fanout.exec.RunFixture.file;
import static dev.fanout.exec.RunFixture.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryTest {
    @TempDir
    Path tmp;

    private RunRecord run(ObjectNode config, ObjectNode... tasks) {
        return new RunFixture(tmp.resolve("home")).run(file(config, tasks), RunFixture.parallel(2));
    }

    @Test
    void aFailingTaskIsTriedFourTimesWithExponentialBackoffBetween() throws IOException {
        double base = 0.3;
        RunRecord r =
                run(config("backoff_base_seconds", base, "max_retries", 3), task("flaky", "echo nope >&2; exit 1"));

        TaskResult flaky = r.results().get("flaky");
        assertEquals(TaskStatus.FAILED, flaky.status());
        List<Attempt> attempts = flaky.attempts();
        assertEquals(4, attempts.size(), "one try and three retries");
        for (int n = 1; n < attempts.size(); n++) {
            Attempt before = attempts.get(n - 1);
            Attempt next = attempts.get(n);
            assertEquals(n, before.number());
            assertEquals(TaskStatus.FAILED, before.status());
            assertEquals(1, before.exitCode());
            double gap = Duration.between(before.endedAt(), next.startedAt()).toNanos() / 1e9;
            double wait = Math.pow(base, n);
            assertTrue(gap >= wait, "retry " + n + " waited " + gap + "s, at least " + wait + "s");
            assertTrue(gap < wait + 2, "retry " + n + " waited " + gap + "s, not the default base");
        }
        assertTrue(flaky.reason().contains("exit code 1") && flaky.reason().contains("nope"), flaky.reason());
        long joblogLines = Files.readAllLines(r.dir().resolve("joblog")).stream()
                .filter(l -> l.startsWith("1\t"))
                .count();
        assertEquals(4, joblogLines, "every attempt has its joblog line");
    }

    @Test
    void aTaskThatSucceedsOnARetrySucceeds() {
        RunRecord r = run(
                config("backoff_base_seconds", 0.01),
                task("flaky", "[ \"$FANOUT_ATTEMPT\" -ge 3 ]"),
                task("after", "true", "flaky"));

        assertEquals(TaskStatus.SUCCEEDED, r.results().get("flaky").status());
        assertEquals(3, r.results().get("flaky").attempts().size());
        assertEquals(TaskStatus.SUCCEEDED, r.results().get("after").status());
    }

    @Test
    void retriesOnTheTaskOverrideMaxRetries() {
        ObjectNode t = task("flaky", "exit 1");
        t.put("retries", 1);
        RunRecord r = run(config("backoff_base_seconds", 0.01, "max_retries", 5), t);

        assertEquals(2, r.results().get("flaky").attempts().size());
    }

    @ParameterizedTest(name = "exit {0} with no_retry_exit_codes [3, 4]: {1} attempts")
    @CsvSource({"3, 1", "4, 1", "5, 3"})
    void noRetryExitCodesAreNotRetried(int exit, int attempts) {
        ObjectNode t = task("picky", "exit " + exit);
        t.put("retries", 2);
        t.putArray("no_retry_exit_codes").add(3).add(4);
        RunRecord r = run(config("backoff_base_seconds", 0.01), t);

        assertEquals(TaskStatus.FAILED, r.results().get("picky").status());
        assertEquals(attempts, r.results().get("picky").attempts().size());
    }

    @Test
    void aProgramThatDoesNotExistFailsClearlyOnceAndSkipsItsDependents() {
        RunRecord r = run(
                config("backoff_base_seconds", 0.01),
                argvTask("build", List.of("no-such-program-xyz", "--all")),
                task("deploy", "true", "build"),
                task("notify", "true", "deploy"),
                task("lint", "true"));

        TaskResult build = r.results().get("build");
        assertEquals(TaskStatus.FAILED, build.status());
        assertEquals(1, build.attempts().size(), "not retried: it cannot start");
        assertEquals("command not found: no-such-program-xyz", build.reason());
        assertEquals(TaskStatus.SKIPPED, r.results().get("deploy").status());
        assertEquals("dependency build failed", r.results().get("deploy").reason());
        assertEquals(TaskStatus.SKIPPED, r.results().get("notify").status());
        assertEquals(TaskStatus.SUCCEEDED, r.results().get("lint").status());
    }

    @Test
    void aShellCommandThatDoesNotExistFailsWithTheShellsMessageOnce() {
        RunRecord r = run(
                config("backoff_base_seconds", 0.01),
                task("build", "no-such-program-xyz --all"),
                task("deploy", "true", "build"));

        TaskResult build = r.results().get("build");
        assertEquals(TaskStatus.FAILED, build.status());
        assertEquals(1, build.attempts().size(), "exit 127 (not found) is not worth retrying");
        assertEquals(127, build.lastAttempt().exitCode());
        assertNotNull(build.reason());
        assertTrue(
                build.reason().contains("no-such-program-xyz") && build.reason().contains("not found"), build.reason());
        assertEquals("dependency build failed", r.results().get("deploy").reason());
    }

    @Test
    void aTimedOutAttemptIsRetried() {
        ObjectNode t = task("slow", "[ \"$FANOUT_ATTEMPT\" -ge 2 ] || sleep 30");
        t.put("timeout_seconds", 0.3).put("retries", 2);
        RunRecord r = run(config("backoff_base_seconds", 0.01), t);

        TaskResult slow = r.results().get("slow");
        assertEquals(TaskStatus.SUCCEEDED, slow.status());
        assertEquals(
                List.of(TaskStatus.TIMED_OUT, TaskStatus.SUCCEEDED),
                slow.attempts().stream().map(Attempt::status).toList());
    }

    @Test
    void exitTwoShellMisuseIsNotRetriedByDefault() {
        RunRecord r = run(config("backoff_base_seconds", 0.01), task("misuse", "exit 2"));

        assertEquals(1, r.results().get("misuse").attempts().size(), "a retry cannot fix a command used wrongly");
    }

    @Test
    void aTasksNoRetryExitCodesAddToTheDefaultOnes() {
        ObjectNode three = task("three", "exit 3");
        three.putArray("no_retry_exit_codes").add(3);
        ObjectNode two = task("two", "exit 2");
        two.putArray("no_retry_exit_codes").add(3);
        ObjectNode one = task("one", "exit 1");
        one.putArray("no_retry_exit_codes").add(3);
        RunRecord r = run(config("backoff_base_seconds", 0.01, "max_retries", 1), three, two, one);

        assertEquals(1, r.results().get("three").attempts().size());
        assertEquals(1, r.results().get("two").attempts().size());
        assertEquals(2, r.results().get("one").attempts().size());
    }

    @Test
    void aTaskOptsBackIntoRetryingExitTwoByMappingIt() {
        RunRecord r =
                run(config("backoff_base_seconds", 0.01, "max_retries", 1), task("make", "sh -c 'exit 2' || exit 1"));

        assertEquals(2, r.results().get("make").attempts().size());
    }

    @Test
    void noRetryWaitsLongerThanMaxBackoffSecondsJitterIncluded() {
        // on virtual time: ten retries of 2^n s would wait over half an hour before the last one
        RunCase c = new RunCase(
                List.of(new RunCase.Spec(List.of(), 10, List.of(new RunCase.Step(RunCase.Kind.FAIL, 1)))),
                1,
                true,
                HaltPolicy.NEVER,
                -1);
        VirtualRun r = VirtualRun.withBackoff(c, 2, 60);

        List<Attempt> attempts = r.results.get("t0").attempts();
        assertEquals(11, attempts.size());
        for (int n = 1; n < attempts.size(); n++) {
            long gap = Duration.between(
                            attempts.get(n - 1).endedAt(), attempts.get(n).startedAt())
                    .toMillis();
            double uncapped = Math.pow(2, n) * 1000;
            assertTrue(gap <= 60_000, "retry " + n + " waited " + gap + " ms, at most 60 s");
            assertTrue(gap >= Math.min(uncapped, 60_000 / 1.1) - 1, "retry " + n + " waited " + gap + " ms");
            if (uncapped < 60_000 / 1.1) {
                assertTrue(gap <= uncapped * 1.1 + 1, "retry " + n + " waited " + gap + " ms: jitter is under 10 %");
            }
        }
        assertEquals(60.0, dev.fanout.config.Config.defaults().maxBackoffSeconds(), "the default cap");
    }
}
