package dev.fanout.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.fanout.task.TaskJson;
import dev.fanout.task.TaskSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * run.json is written one result at a time, settled results and the tasks from bytes kept since
 * an earlier write: the file is byte for byte the record's tree form, however it was made.
 */
class RecordBytesTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456Z");

    private final TaskSet tasks = RunFixture.parse(RunFixture.file(
            RunFixture.config("max_retries", 1, "task_timeout_seconds", 30),
            RunFixture.task("a", "echo '{\"n\": 1.25}'"),
            RunFixture.task("b.2_x", "printf 'é \"q\"\\n'; exit 3"),
            RunFixture.task("c", "true", "b.2_x"),
            RunFixture.argvTask("d", List.of("sleep", "1")),
            RunFixture.task("e", "true"),
            RunFixture.task("f", "true")));
    private final ArrayNode tasksJson = TaskJson.toJson(tasks);

    @Test
    void aRecordWrittenOneResultAtATimeIsItsTreeFormByteForByte() throws IOException {
        for (long pid : new long[] {ProcessHandle.current().pid(), 1}) {
            RunRecord r = record(pid, varied(), RunState.FAILED);
            assertEquals(treeForm(r), written(r, new RecordBytes(tasksJson)));
        }
    }

    @Test
    void settledResultsKeptFromAnEarlierWriteGiveTheSameBytes() throws IOException {
        RecordBytes parts = new RecordBytes(tasksJson);
        Map<String, TaskResult> running = varied();
        running.put("e", result("e", TaskStatus.RUNNING, List.of()));
        RunRecord checkpoint = record(1, running, RunState.RUNNING);
        assertEquals(treeForm(checkpoint), written(checkpoint, parts));

        Map<String, TaskResult> later = new LinkedHashMap<>(running);
        later.put("e", result("e", TaskStatus.SUCCEEDED, List.of(attempt(1, TaskStatus.SUCCEEDED, 0))));
        RunRecord last = record(1, later, RunState.FAILED);
        assertEquals(treeForm(last), written(last, parts));
        assertEquals(written(last, new RecordBytes(tasksJson)), written(last, parts));
    }

    @Test
    void aResultReplacedAfterItWasKeptIsWrittenAsItIsNow() throws IOException {
        RecordBytes parts = new RecordBytes(tasksJson);
        Map<String, TaskResult> results = varied();
        written(record(1, results, RunState.RUNNING), parts);
        // a carried result turned into a new run's: another object for the same task
        results.put(
                "a",
                new TaskResult(
                        "a",
                        TaskStatus.FAILED,
                        List.of(attempt(1, TaskStatus.FAILED, 1)),
                        "changed",
                        null,
                        null,
                        false));

        RunRecord r = record(1, results, RunState.FAILED);
        assertEquals(treeForm(r), written(r, parts));
    }

    /** Every status and every optional key of a result and of an attempt. */
    private Map<String, TaskResult> varied() {
        Map<String, TaskResult> m = new LinkedHashMap<>();
        m.put(
                "a",
                new TaskResult(
                        "a",
                        TaskStatus.CACHED,
                        List.of(attempt(1, TaskStatus.SUCCEEDED, 0)),
                        null,
                        dev.fanout.Json.parseOrMissing("{\"n\": 1.25}"),
                        null,
                        false,
                        new CacheNote("ab12cd34", "20261201-095959-ffff", 2.345)));
        Usage usage = new Usage(0.01234, 1200, 340, 5, 6, 3, "sess-1");
        m.put(
                "b.2_x",
                new TaskResult(
                        "b.2_x",
                        TaskStatus.FAILED,
                        List.of(
                                new Attempt(
                                        1,
                                        T0,
                                        T0.plusMillis(1505),
                                        TaskStatus.FAILED,
                                        null,
                                        15,
                                        "stopped by SIGTERM: \"too long\" – é",
                                        0.125,
                                        usage,
                                        "10.0.0.7:7070",
                                        true),
                                attempt(2, TaskStatus.FAILED, 3)),
                        "exit code 3 \u2014 see stderr",
                        null,
                        "cannot read tasks/b.2_x/result.json: not JSON",
                        true));
        m.put("c", result("c", TaskStatus.SKIPPED, List.of()));
        m.put("d", result("d", TaskStatus.CANCELLED, List.of(attempt(1, TaskStatus.CANCELLED, 143))));
        m.put("e", result("e", TaskStatus.SUCCEEDED, List.of(attempt(1, TaskStatus.SUCCEEDED, 0))));
        m.put("f", result("f", TaskStatus.PENDING, List.of()));
        return m;
    }

    private static TaskResult result(String id, TaskStatus status, List<Attempt> attempts) {
        return new TaskResult(
                id,
                status,
                attempts,
                status == TaskStatus.SKIPPED ? "dependency b.2_x failed" : null,
                null,
                null,
                false);
    }

    private static Attempt attempt(int n, TaskStatus status, int exit) {
        Instant start = T0.plusMillis(2000L * n + 7);
        return new Attempt(n, start, start.plusNanos(1_004_999_999L), status, exit, 0, null);
    }

    /** A record with an end, so that its figures do not change between two writes. */
    private RunRecord record(long pid, Map<String, TaskResult> results, RunState state) {
        return new RunRecord(
                "20261201-100000-abcd",
                state,
                pid,
                "tasks.json",
                T0,
                T0.plusSeconds(9),
                null,
                true,
                2,
                "independent tasks: parallel",
                1.9,
                tasks,
                results,
                Path.of("unused"));
    }

    private String treeForm(RunRecord r) throws IOException {
        return new String(RunJson.WRITER.writeValueAsBytes(RunJson.toJson(r, tasksJson)), StandardCharsets.UTF_8);
    }

    private static String written(RunRecord r, RecordBytes parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunJson.write(out, r, parts);
        return out.toString(StandardCharsets.UTF_8);
    }
}
