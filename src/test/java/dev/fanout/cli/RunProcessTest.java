package dev.fanout.cli;

import static dev.fanout.exec.RunFixture.argvTask;
import static dev.fanout.exec.RunFixture.file;
import static dev.fanout.exec.RunFixture.q;
import static dev.fanout.exec.RunFixture.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.ProcessTest;
import dev.fanout.exec.Leftovers;
import dev.fanout.exec.RunFixture;
import dev.fanout.exec.RunRecord;
import dev.fanout.exec.RunState;
import dev.fanout.exec.RunStore;
import dev.fanout.exec.TaskStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** fanout as a separate process: memory, signals, a kill mid-run and its resume, a big run. */
@ProcessTest
class RunProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    @BeforeAll
    static void linux() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc and kill(1)");
    }

    private Path home() {
        return tmp.resolve("home");
    }

    private Path tasks(ObjectNode tasksFile) throws IOException {
        return RunFixture.write(tmp.resolve("tasks.json"), tasksFile);
    }

    private static String status(JsonNode record, String id) {
        return record.path("results").path(id).path("status").asText();
    }

    @ParameterizedTest(name = "--output {0}")
    @ValueSource(strings = {"group", "stream"})
    void aTaskThatPrints200MbRunsInA64MbHeap(String output) throws Exception {
        // one line with no newline at all, after a '[' that makes it look like a JSON result
        long size = 200_000_000L;
        Path file = tasks(file(null, task("flood", "printf '['; head -c " + (size - 1) + " /dev/zero | tr '\\0' x")));
        try (FanoutProcess fanout = FanoutProcess.start(
                tmp.resolve("logs"),
                List.of("-Xmx64m"),
                "run",
                file.toString(),
                "--home",
                home().toString(),
                "--output",
                output,
                "--jobs",
                "1")) {
            int exit = fanout.await(LIMIT);

            assertEquals(0, exit, fanout.stderr());
            Path log = FanoutProcess.runDir(home()).orElseThrow().resolve("tasks/flood/stdout.log");
            assertEquals(size, Files.size(log), "every byte is in the log");
            assertFalse(fanout.stderr().contains("OutOfMemoryError"));
        }
    }

    @Test
    void twoThousandTasksInOneRun() throws Exception {
        int n = 2000;
        ObjectNode[] list = new ObjectNode[n];
        for (int i = 0; i < n; i++) {
            list[i] = argvTask("t" + i, List.of("true"));
        }
        Path file = tasks(file(null, list));
        try (FanoutProcess fanout = FanoutProcess.start(
                tmp.resolve("logs"),
                List.of(),
                "run",
                file.toString(),
                "--home",
                home().toString(),
                "--jobs",
                "8",
                "--quiet")) {
            int exit = fanout.await(Duration.ofMinutes(3));

            assertEquals(0, exit, fanout.stderr());
            Path run = FanoutProcess.runDir(home()).orElseThrow();
            assertEquals(n + 1, Files.readAllLines(run.resolve("joblog")).size());
            JsonNode record = JSON.readTree(run.resolve("run.json").toFile());
            assertEquals("succeeded", record.path("status").asText());
            assertEquals(n, record.path("counts").path("succeeded").asInt());
            assertTrue(fanout.stdout().contains("2000 succeeded"), fanout.stdout());
        }
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM", "HUP"})
    void ctrlCTermOrHangupStopsRunningTreesCancelsTheRestAndExits130(String signal) throws Exception {
        Path pid1 = tmp.resolve("slow1.pid");
        Path pid2 = tmp.resolve("slow2.pid");
        Path file = tasks(file(
                null,
                task("slow1", "echo $$ > " + q(pid1) + "; sleep 60"),
                task("slow2", "sleep 60 & echo $! > " + q(pid2) + "; wait"),
                task("after", "true", "slow1"),
                task("other", "true")));
        try (FanoutProcess fanout = FanoutProcess.start(
                tmp.resolve("logs"),
                List.of(),
                "run",
                file.toString(),
                "--home",
                home().toString(),
                "--jobs",
                "2",
                "--parallel")) {
            fanout.awaitRecord(
                    home(),
                    r -> status(r, "slow1").equals("running")
                            && status(r, "slow2").equals("running")
                            && FanoutProcess.allExist(pid1, pid2),
                    LIMIT);

            fanout.signal(signal);
            int exit = fanout.await(LIMIT);

            assertEquals(130, exit, fanout.stderr());
            JsonNode record = JSON.readTree(FanoutProcess.runDir(home())
                    .orElseThrow()
                    .resolve("run.json")
                    .toFile());
            assertEquals("interrupted", record.path("status").asText());
            for (String id : List.of("slow1", "slow2", "after", "other")) {
                assertEquals("cancelled", status(record, id), id);
            }
            assertTrue(
                    record.path("results").path("slow1").path("reason").asText().contains("interrupted"));
            assertFalse(Leftovers.alive(Leftovers.pidIn(pid1)), "slow1's shell was stopped");
            assertFalse(Leftovers.alive(Leftovers.pidIn(pid2)), "slow2's child was stopped");
            assertEquals(List.of(), Leftovers.withRunId(record.path("run_id").asText()));
            assertTrue(fanout.stdout().contains("interrupted"), fanout.stdout());
        }
    }

    @Test
    void ctrlCOnATerminalReachesTheTasksTooAndTheyStillReadAsCancelled() throws Exception {
        assumeTrue(RunFixture.onPath("setsid"), "needs setsid(1)");
        // the terminal sends SIGINT to the whole foreground group: the tasks die of it on their own
        Path started = Files.createDirectory(tmp.resolve("started"));
        ObjectNode[] list = new ObjectNode[3];
        for (int i = 0; i < list.length; i++) {
            list[i] = task("slow" + i, "touch " + q(started) + "/$FANOUT_TASK_ID; sleep 60");
            list[i].put("retries", i == 0 ? 0 : 2);
        }
        Path file = tasks(file(null, list[0], list[1], list[2], task("after", "true", "slow0")));
        try (FanoutProcess fanout = FanoutProcess.startInOwnGroup(
                tmp.resolve("logs"),
                "run",
                file.toString(),
                "--home",
                home().toString(),
                "--jobs",
                "3",
                "--parallel")) {
            fanout.awaitRecord(
                    home(),
                    r -> FanoutProcess.allExist(
                            started.resolve("slow0"), started.resolve("slow1"), started.resolve("slow2")),
                    LIMIT);

            fanout.signalGroup("INT");
            int exit = fanout.await(LIMIT);

            assertEquals(130, exit, fanout.stderr());
            JsonNode record = JSON.readTree(FanoutProcess.runDir(home())
                    .orElseThrow()
                    .resolve("run.json")
                    .toFile());
            assertEquals("interrupted", record.path("status").asText());
            for (String id : List.of("slow0", "slow1", "slow2", "after")) {
                assertEquals(
                        "cancelled",
                        status(record, id),
                        id + ": " + record.path("results").path(id));
            }
            for (String id : List.of("slow0", "slow1", "slow2")) {
                assertEquals(1, record.path("results").path(id).path("attempts").size(), id + " was not retried");
            }
        }
    }

    @Test
    void afterSigkillTheRecordClaimsOnlyFinishedTasksAndResumeRerunsTheRest() throws Exception {
        Path marker = tmp.resolve("slow.started-once");
        Path slowPid = tmp.resolve("slow.pid");
        Path counts = Files.createDirectory(tmp.resolve("counts"));
        String count = "echo x >> " + q(counts) + "/$FANOUT_TASK_ID";
        ObjectNode slow = task(
                "slow",
                count + "; if [ ! -e " + q(marker) + " ]; then touch " + q(marker) + "; echo $$ > " + q(slowPid)
                        + "; exec sleep 60; fi");
        Path file = tasks(file(
                null,
                task("quick1", count),
                task("quick2", count),
                slow,
                task("after", count, "slow"),
                task("last", count, "after")));
        String runId;
        try (FanoutProcess fanout = FanoutProcess.start(
                tmp.resolve("logs"),
                List.of(),
                "run",
                file.toString(),
                "--home",
                home().toString(),
                "--jobs",
                "3",
                "--parallel")) {
            JsonNode seen = fanout.awaitRecord(
                    home(),
                    r -> status(r, "quick1").equals("succeeded")
                            && status(r, "quick2").equals("succeeded")
                            && status(r, "slow").equals("running")
                            && Files.exists(slowPid),
                    LIMIT);
            runId = seen.path("run_id").asText();

            fanout.signal("KILL");
            assertEquals(137, fanout.await(LIMIT));
        }
        long orphan = Leftovers.pidIn(slowPid);
        assertTrue(Leftovers.alive(orphan), "a killed fanout cannot stop its tasks");

        RunRecord killed = new RunStore(home().resolve("runs")).load(runId);
        assertEquals(RunState.INTERRUPTED, killed.state());
        assertEquals(TaskStatus.SUCCEEDED, killed.results().get("quick1").status());
        assertEquals(TaskStatus.SUCCEEDED, killed.results().get("quick2").status());
        for (String id : List.of("slow", "after", "last")) {
            assertTrue(killed.results().get(id).status() != TaskStatus.SUCCEEDED, id + " is not claimed");
            assertFalse(killed.results().get(id).status() == TaskStatus.RUNNING, id + " is not running any more");
        }

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(Map.of(), new PrintWriter(out), new PrintWriter(err), false);
        int exit = CommandLineFactory.create(ctx).execute("run", "--resume", runId, "--home", home().toString());

        assertEquals(0, exit, err + "\n" + out);
        assertFalse(Leftovers.alive(orphan), "the killed run's leftover was stopped before its task ran again");
        assertEquals(List.of("x"), Files.readAllLines(counts.resolve("quick1")), "succeeded tasks are not rerun");
        assertEquals(List.of("x"), Files.readAllLines(counts.resolve("quick2")));
        assertEquals(List.of("x", "x"), Files.readAllLines(counts.resolve("slow")));
        assertEquals(List.of("x"), Files.readAllLines(counts.resolve("after")));
        RunStore store = new RunStore(home().resolve("runs"));
        RunRecord resumed = store.load(store.latest());
        assertEquals(runId, resumed.resumedFrom());
        assertTrue(resumed.results().get("quick1").reused());
        assertFalse(resumed.results().get("slow").reused());
        assertEquals(RunState.SUCCEEDED, resumed.state());
        assertTrue(Files.exists(resumed.taskDir("quick1").resolve("stdout.log")), "reused results are copied in");
    }
}
