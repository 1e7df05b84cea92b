package dev.fanout.exec;

import static dev.fanout.exec.RunFixture.file;
import static dev.fanout.exec.RunFixture.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A finished run's record rewritten as if its fanout (pid, started at) were still at it, with b running. */
    private RunRecord recordLeftRunning(long pid, Instant startedAt) throws IOException {
        RunFixture fixture = new RunFixture(tmp.resolve("home"));
        RunRecord done = fixture.run(
                file(null, task("a", "true"), task("b", "true"), task("c", "true", "b")), RunFixture.parallel(2));
        Path runJson = done.dir().resolve("run.json");
        ObjectNode o = (ObjectNode) JSON.readTree(runJson.toFile());
        o.put("status", "running")
                .put("pid", pid)
                .put("started_at", startedAt.toString())
                .putNull("ended_at");
        ((ObjectNode) o.path("results").path("b")).put("status", "running").putArray("attempts");
        ((ObjectNode) o.path("results").path("c")).put("status", "pending").putArray("attempts");
        JSON.writeValue(runJson.toFile(), o);
        return fixture.store().load(done.runId());
    }

    @Test
    void theRecordIsWrittenAsItsTreeReads() throws IOException {
        RunFixture fixture = new RunFixture(tmp.resolve("home"));
        RunRecord done = fixture.run(
                file(
                        RunFixture.config("task_timeout_seconds", 30, "max_retries", 0),
                        task("a", "echo '{\"n\": 1.25}'"),
                        task("b", "echo oops >&2; exit 3"),
                        task("c", "true", "b")),
                RunFixture.parallel(2));
        ObjectNode tree = RunJson.toJson(done);

        assertEquals(
                RunJson.WRITER.writeValueAsString(tree),
                java.nio.file.Files.readString(done.dir().resolve("run.json")));
        assertEquals(3, tree.path("results").size());
    }

    @Test
    void aRecordLeftRunningByAProcessThatIsGoneReadsAsInterruptedClaimingOnlyWhatFinished() throws IOException {
        Process gone = new ProcessBuilder("true").start();
        gone.onExit().join();
        RunRecord r = recordLeftRunning(gone.pid(), Instant.now());

        assertEquals(RunState.INTERRUPTED, r.state());
        assertEquals(TaskStatus.SUCCEEDED, r.results().get("a").status());
        assertEquals(TaskStatus.CANCELLED, r.results().get("b").status());
        assertTrue(
                r.results().get("b").reason().contains("ended while it ran"),
                r.results().get("b").reason());
        assertEquals(TaskStatus.CANCELLED, r.results().get("c").status());
        assertTrue(
                r.results().get("c").reason().startsWith("not started"),
                r.results().get("c").reason());
    }

    @Test
    void aRecordWhosePidNowBelongsToALaterProcessReadsAsInterrupted() throws IOException {
        // this JVM is alive, but it started long after a run begun in 2001: the pid was reused
        RunRecord r = recordLeftRunning(ProcessHandle.current().pid(), Instant.parse("2001-01-01T00:00:00Z"));

        assertEquals(RunState.INTERRUPTED, r.state());
    }

    @Test
    void aRecordWhoseFanoutStillRunsReadsAsRunning() throws IOException {
        RunRecord r = recordLeftRunning(ProcessHandle.current().pid(), Instant.now());

        assertEquals(RunState.RUNNING, r.state());
        assertEquals(TaskStatus.RUNNING, r.results().get("b").status());
    }
}
