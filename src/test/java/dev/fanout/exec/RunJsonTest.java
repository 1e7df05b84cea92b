package dev.fanout.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.fanout.Json;
import dev.fanout.task.TaskJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.json is read by binding it to {@link RunFile}: the keys the writer writes are the fields the reader knows. */
class RunJsonTest {
    @TempDir
    Path tmp;

    @Test
    void everyKeyTheWriterWritesIsAFieldTheReaderBindsAndReadsBackTheSame() throws IOException {
        RunFixture fixture = new RunFixture(tmp.resolve("home"));
        RunRecord done = fixture.run(RunFixture.resultFailureAndSkip(), RunFixture.parallel(2));
        // every optional key at once: a cached, reused result with a result error, and an attempt
        // that queued, was signalled and says why
        Instant t0 = Instant.parse("2026-12-01T10:00:00.25Z");
        Attempt full = new Attempt(2, t0, t0.plusMillis(1500), TaskStatus.FAILED, 3, 15, "stopped by SIGTERM", 0.75);
        Map<String, TaskResult> results = new LinkedHashMap<>(done.results());
        TaskResult a = results.get("a");
        results.put(
                "a",
                new TaskResult(
                        "a",
                        a.status(),
                        List.of(a.attempts().get(0), full),
                        "a reason",
                        a.result(),
                        "cannot read it",
                        true,
                        new CacheNote("ab12cd34", "20261201-095959-ffff", 2.5)));
        Path dir = tmp.resolve("copy");
        Files.createDirectories(dir);
        RunRecord all = new RunRecord(
                done.runId(),
                RunState.FAILED,
                ProcessHandle.current().pid(), // the writer adds how this process contained its tasks
                done.source(),
                done.startedAt(),
                done.endedAt(),
                "20261201-095000-aaaa",
                true,
                2,
                done.decision(),
                1.75,
                done.tasks(),
                results,
                dir);
        try (OutputStream out = Files.newOutputStream(dir.resolve("run.json"))) {
            RunJson.write(out, all, TaskJson.toJson(all.tasks()));
        }

        // strict: a key written with no field to bind it to fails here
        RunFile bound = Json.mapper()
                .readerFor(RunFile.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(dir.resolve("run.json").toFile());
        assertEquals(all.runId(), bound.runId());
        assertTrue(bound.containment() != null && bound.containment().kind() != null, bound.toString());

        RunRecord back = RunJson.read(dir);
        assertEquals(
                List.of(
                        all.runId(),
                        all.state(),
                        all.pid(),
                        all.source(),
                        all.startedAt(),
                        all.endedAt(),
                        all.resumedFrom(),
                        all.parallel(),
                        all.jobs(),
                        all.decision(),
                        all.estimatedSpeedup()),
                List.of(
                        back.runId(),
                        back.state(),
                        back.pid(),
                        back.source(),
                        back.startedAt(),
                        back.endedAt(),
                        back.resumedFrom(),
                        back.parallel(),
                        back.jobs(),
                        back.decision(),
                        back.estimatedSpeedup()));
        assertEquals(TaskJson.toJson(all.tasks()), TaskJson.toJson(back.tasks()));
        assertEquals(all.tasks().config(), back.tasks().config());
        assertEquals(
                List.copyOf(all.results().keySet()), List.copyOf(back.results().keySet()));
        TaskResult readA = back.results().get("a");
        assertEquals(results.get("a").attempts(), readA.attempts());
        assertEquals("a reason", readA.reason());
        assertEquals("cannot read it", readA.resultError());
        assertTrue(readA.reused());
        assertEquals(new CacheNote("ab12cd34", "20261201-095959-ffff", 2.5), readA.cached());
        assertEquals(done.results().get("b"), back.results().get("b"));
        assertEquals(done.results().get("c"), back.results().get("c"));
    }

    @Test
    void aRecordOfTheFirstFormatStillReads() throws IOException {
        Path dir = tmp.resolve("runs/20261128-101500-ab12");
        Files.createDirectories(dir.resolve("tasks/compile"));
        try (InputStream old = RunJsonTest.class.getResourceAsStream("run-format1.json")) {
            Files.copy(old, dir.resolve("run.json"));
        }
        Files.writeString(dir.resolve("tasks/compile/result.json"), "{\"built\": 3}\n");

        RunRecord r = RunJson.read(dir);

        assertEquals("20261128-101500-ab12", r.runId());
        assertEquals(RunState.FAILED, r.state());
        assertEquals(41234, r.pid());
        assertEquals("build.json", r.source());
        assertEquals(Instant.parse("2026-11-28T10:15:00.125Z"), r.startedAt());
        assertEquals(Instant.parse("2026-11-28T10:15:04.5Z"), r.endedAt());
        assertNull(r.resumedFrom());
        assertTrue(r.parallel());
        assertEquals(2, r.jobs());
        assertEquals(1.5, r.estimatedSpeedup());
        assertNull(r.tasks().config());
        assertEquals(
                List.of("compile", "test", "package"),
                r.tasks().tasks().stream().map(t -> t.id()).toList());
        assertEquals(3, r.results().get("compile").result().path("built").asInt());
        TaskResult test = r.results().get("test");
        assertEquals(TaskStatus.FAILED, test.status());
        assertEquals("exit code 2", test.reason());
        assertEquals(
                new Attempt(
                        2,
                        Instant.parse("2026-11-28T10:15:02.6Z"),
                        Instant.parse("2026-11-28T10:15:04.4Z"),
                        TaskStatus.FAILED,
                        null,
                        15,
                        "stopped by SIGTERM",
                        0),
                test.attempts().get(1));
        assertEquals(2, test.attempts().get(0).exitCode());
        assertNull(test.cached());
        assertTrue(r.results().get("package").attempts().isEmpty());
        assertEquals(TaskStatus.SKIPPED, r.results().get("package").status());
    }

    @Test
    void aRecordWithAFieldOfTheWrongTypeSaysWhichField() throws IOException {
        Path dir = tmp.resolve("bad");
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("run.json"),
                "{\"run_id\": \"x\", \"started_at\": \"2026-11-28T10:15:00Z\", \"tasks\": [],"
                        + " \"results\": {\"a\": {\"status\": \"failed\", \"attempts\": [{\"signal\": [1]}]}}}");

        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> RunJson.read(dir));
        assertEquals("the field results.a.attempts.0.signal has the wrong type", e.getMessage());
    }
}
