package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Precedence end to end: defaults < $FANOUT_HOME/config.json < the tasks file's config < flags. */
class ConfigCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Path home;
    Path tasks;

    @BeforeEach
    void layers() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(
                home.resolve("config.json"),
                "{\"max_parallel_tasks\": 4, \"max_retries\": 1, \"min_speedup_threshold\": 1.1, \"enabled\": false}");
        tasks = Files.writeString(
                dir.resolve("tasks.json"),
                "{\"config\": {\"max_parallel_tasks\": 6, \"min_speedup_threshold\": 1.2},\n \"tasks\": [{\"id\": \"a\"}]}");
    }

    @Test
    void eachLayerWinsOverTheOnesBefore() throws IOException {
        JsonNode values = JSON.readTree(
                Cli.run(home, "config", "show", tasks.toString(), "--json", "-c", "min_speedup_threshold=1.3")
                        .out());
        assertEquals(6, values.get("max_parallel_tasks").intValue());
        assertEquals(1.3, values.get("min_speedup_threshold").doubleValue());
        assertEquals(1, values.get("max_retries").intValue());
        assertEquals(false, values.get("enabled").booleanValue());
        assertEquals(600.0, values.get("task_timeout_seconds").doubleValue());
    }

    @Test
    void showNamesWhereEachValueCameFrom() {
        Cli.Result r = Cli.run(home, "config", "show", tasks.toString(), "-c", "min_speedup_threshold=1.3");
        assertEquals(0, r.exit(), r.toString());
        Map<String, String> rows = Map.of(
                "max_parallel_tasks",
                "6 .* " + tasks + " \\(config\\)",
                "min_speedup_threshold",
                "1\\.3 .* command-line flag",
                "max_retries",
                "1 .* " + home.resolve("config.json"),
                "task_timeout_seconds",
                "600 .* default");
        rows.forEach((key, row) ->
                assertTrue(r.out().lines().anyMatch(l -> l.matches(key + " +" + row)), key + " in\n" + r.out()));
        assertTrue(r.out().endsWith("home: " + home + "\n"), r.out());
    }

    @Test
    void withoutATasksFileTheHomeConfigAndFlagsApply() throws IOException {
        JsonNode values = JSON.readTree(
                Cli.run(home, "config", "show", "--json", "-c", "max_retries=7").out());
        assertEquals(4, values.get("max_parallel_tasks").intValue());
        assertEquals(7, values.get("max_retries").intValue());
    }

    @Test
    void jobsIsAFlagAndWinsOverASetting() throws IOException {
        Files.writeString(
                tasks,
                "{\"config\": {\"max_parallel_tasks\": 6}, \"tasks\": [{\"id\": \"a\", \"command\": \"true\"},"
                        + " {\"id\": \"b\", \"command\": \"true\"}]}");
        JsonNode flagOnly = JSON.readTree(
                Cli.run(home, "analyze", tasks.toString(), "--json").out());
        assertEquals(6, flagOnly.get("max_parallel_tasks").intValue());
        JsonNode both = JSON.readTree(
                Cli.run(home, "analyze", tasks.toString(), "--json", "-c", "max_parallel_tasks=8", "--jobs", "3")
                        .out());
        assertEquals(3, both.get("max_parallel_tasks").intValue());
    }

    @Test
    void fanoutHomeFromTheEnvironmentIsUsedWithoutTheFlag() throws IOException {
        Cli.Result r = Cli.runIn(Map.of("FANOUT_HOME", home.toString()), null, "config", "show", "--json");
        assertEquals(4, JSON.readTree(r.out()).get("max_parallel_tasks").intValue());
    }
}
