package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theTenTaskExampleShowsThreeWavesAndASpeedupOf3point33() {
        Cli.Result r = Cli.run(dir, "analyze", "examples/ten-tasks.json");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("""
                10 tasks, 9 dependencies, 3 waves
                wave   longest   tasks (* on the critical path)
                1      1.00s     fetch-users*, fetch-orders, fetch-products, fetch-prices
                2      1.00s     index-users*, index-orders, index-catalog
                3      1.00s     build-api*, build-web, build-reports
                critical path: fetch-users -> index-users -> build-api  (3.00s)
                estimated: 10.0s of work, 3.00s on 10 slots, speedup 3.33x
                decision: parallel (recommended): 3 task types, estimated speedup 3.33x >= 2x for mixed types
                """, r.out());
        assertEquals("", r.err());
    }

    @Test
    void oneTaskAndOneDependencyAreSingular() throws IOException {
        Path file = Files.writeString(
                dir.resolve("t.json"),
                "[{\"id\": \"a\", \"command\": \"true\"}, {\"id\": \"b\", \"depends_on\": [\"a\"], \"command\": \"true\"}]");
        assertTrue(Cli.run(dir, "analyze", file.toString()).out().startsWith("2 tasks, 1 dependency, 2 waves\n"));
        Path one = Files.writeString(dir.resolve("one.json"), "[{\"id\": \"a\", \"command\": \"true\"}]");
        assertTrue(Cli.run(dir, "analyze", one.toString()).out().startsWith("1 task, 0 dependencies, 1 wave\n"));
    }

    @Test
    void jsonIsTheOriginalShapeAndEndsWithANewline() throws IOException {
        Cli.Result r = Cli.run(dir, "analyze", "examples/ten-tasks.json", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().endsWith("}\n"), r.out());
        JsonNode json = JSON.readTree(r.out());
        assertEquals(10, json.get("total_tasks").intValue());
        assertEquals(3, json.get("parallel_groups").intValue());
        assertEquals(3.33, json.get("estimated_speedup").doubleValue());
        assertEquals(3, json.get("groups").size());
        assertEquals("parallel", json.get("decision").get("mode").textValue());
    }

    @Test
    void outputWritesTheJsonAtomicallyAndSaysWhere() throws IOException {
        Path output = Files.createDirectories(dir.resolve("out")).resolve("analysis.json");
        Files.writeString(output, "old");
        Cli.Result r = Cli.run(dir, "analyze", "examples/ten-tasks.json", "--output", output.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().endsWith("analysis written to " + output + "\n"), r.out());
        JsonNode written = JSON.readTree(output.toFile());
        assertEquals(3.33, written.get("estimated_speedup").doubleValue());
        assertEquals(
                JSON.readTree(Cli.run(dir, "analyze", "examples/ten-tasks.json", "--json")
                        .out()),
                written);
        try (Stream<Path> files = Files.list(output.getParent())) {
            assertEquals(List.of(output), files.toList());
        }
    }

    @Test
    void jobsPlansForThatManySlots() throws IOException {
        JsonNode two = JSON.readTree(Cli.run(dir, "analyze", "examples/five-test-suites.json", "--json", "--jobs", "2")
                .out());
        assertEquals(2, two.get("max_parallel_tasks").intValue());
        // five 120s suites on two slots: 120 + 120 + 120
        assertEquals(360, two.get("estimated_makespan_seconds").intValue());
        assertEquals(1.67, two.get("estimated_speedup").doubleValue());
        JsonNode set = JSON.readTree(
                Cli.run(dir, "analyze", "examples/five-test-suites.json", "--json", "-c", "max_parallel_tasks=5")
                        .out());
        assertEquals(5, set.get("max_parallel_tasks").intValue());
        assertEquals(5.0, set.get("estimated_speedup").doubleValue());
    }

    @Test
    void anEmptyListOfTasksIsAnalysedAsNothingToDo() throws IOException {
        Path file = Files.writeString(dir.resolve("none.json"), "[]");
        Cli.Result r = Cli.run(dir, "analyze", file.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("""
                0 tasks, 0 dependencies, 0 waves
                wave   longest   tasks (* on the critical path)
                critical path: none (no tasks)
                estimated: 0.00s of work, 0.00s on 10 slots, speedup 1x
                decision: sequential: 0 tasks, fewer than min_tasks_for_parallel 3
                """, r.out());
    }

    @Test
    void aLongGraphIsShortenedOnScreen() throws IOException {
        StringBuilder tasks = new StringBuilder("[{\"id\": \"s0\", \"command\": \"true\"}");
        for (int i = 1; i < 45; i++) {
            tasks.append(", {\"id\": \"s")
                    .append(i)
                    .append("\", \"depends_on\": [\"s")
                    .append(i - 1)
                    .append("\"], \"command\": \"true\"}");
        }
        for (int i = 0; i < 15; i++) {
            tasks.append(", {\"id\": \"w").append(i).append("\", \"command\": \"true\"}");
        }
        Path file =
                Files.writeString(dir.resolve("long.json"), tasks.append("]").toString());
        Cli.Result r = Cli.run(dir, "analyze", file.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(
                r.out().contains("\n1      1.00s     s0*, w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10 … and 4 more\n"),
                r.out());
        assertTrue(r.out().contains("\n40     1.00s     s39*\n… and 5 more waves (--json shows all)\n"), r.out());
        assertTrue(
                r.out().contains("critical path: s0 -> s1 -> s2 -> s3 -> s4 -> … -> s44 (45 tasks)  (45.0s)\n"),
                r.out());
    }

    @Test
    void yamlFilesAreAnalysedLikeJson() {
        Cli.Result r = Cli.run(dir, "analyze", "examples/chain.yaml");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("critical path: checkout -> compile -> package -> publish  (1m 35s)"), r.out());
        assertTrue(
                r.out()
                        .endsWith(
                                "decision: sequential: every task depends on the one before it: no two tasks can run together\n"),
                r.out());
    }
}
