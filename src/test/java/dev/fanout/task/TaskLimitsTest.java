package dev.fanout.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.LocatedException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** memory_max and cpus in tasks files (issue 12 item 8). */
class TaskLimitsTest {

    private static TaskSet read(String json) {
        return new TaskFileReader()
                .read("t.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), false);
    }

    @ParameterizedTest
    @CsvSource({
        "'\"512M\"', 536870912",
        "'\"2G\"', 2147483648",
        "'\"4096k\"', 4194304",
        "'\"1MiB\"', 1048576",
        "'\"3 MB\"', 3145728",
        "1048576, 1048576"
    })
    void memoryMaxTakesBytesOrASuffixedSize(String value, long bytes) {
        Task t = read("[{\"id\": \"a\", \"command\": \"true\", \"memory_max\": " + value + "}]")
                .tasks()
                .get(0);

        assertEquals(bytes, t.limits().memoryMaxBytes());
    }

    @Test
    void cpusTakeADecimal() {
        Task t = read("[{\"id\": \"a\", \"command\": \"true\", \"cpus\": 1.5}]")
                .tasks()
                .get(0);

        assertEquals(1.5, t.limits().cpus());
    }

    @Test
    void limitsSurviveTheRunRecord() {
        Task t = read("[{\"id\": \"a\", \"command\": \"true\", \"cpus\": 0.5, \"memory_max\": \"1G\"}]")
                .tasks()
                .get(0);

        Task back = TaskJson.fromJson(
                        "run.json",
                        TaskJson.toJson(read(
                                "[{\"id\": \"a\", \"command\": \"true\", \"cpus\": 0.5, \"memory_max\": \"1G\"}]")))
                .tasks()
                .get(0);

        assertEquals(t.limits(), back.limits());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"12X\"|t.json:1:14: task 'a': memory_max must be a size such as \"512M\" or \"2G\" (or bytes), not '12X'",
                "-5|t.json:1:14: task 'a': memory_max must be a size such as \"512M\" or \"2G\" (or bytes), not -5",
                "\"100K\"|t.json:1:14: task 'a': memory_max must be at least 1M: a process cannot start in less",
                "\"99999999999T\"|t.json:1:14: task 'a': memory_max must be a size such as \"512M\" or \"2G\" (or bytes), not '99999999999T'"
            })
    void aBadMemoryMaxGivesItsPlace(String value, String message) {
        LocatedException e =
                assertThrows(LocatedException.class, () -> read("[{\"id\": \"a\", \"memory_max\": " + value + "}]"));

        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"0|cpus must be from 0.01 to 4096 (got 0)", "\"2\"|cpus must be a number"})
    void aBadCpusGivesItsPlace(String value, String problem) {
        LocatedException e =
                assertThrows(LocatedException.class, () -> read("[{\"id\": \"a\", \"cpus\": " + value + "}]"));

        assertTrue(e.getMessage().startsWith("t.json:1:14: task 'a': " + problem), e.getMessage());
    }
}
