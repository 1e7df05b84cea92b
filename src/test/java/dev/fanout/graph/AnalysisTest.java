package dev.fanout.graph;

import static dev.fanout.graph.Tasks.graph;
import static dev.fanout.graph.Tasks.task;
import static dev.fanout.graph.Tasks.typed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.config.Config;
import dev.fanout.task.TaskFileReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnalysisTest {

    @Test
    void wavesAreTopologicalLevelsAndAWaveLastsAsLongAsItsLongestTask() {
        Analysis a = Analysis.of(
                graph(
                        task("a", 2.0),
                        task("b", 4.0, "a"),
                        task("c", 1.0, "a"),
                        task("d", 3.0, "b", "c"),
                        task("e", 7.0)),
                10);
        assertEquals(
                List.of(
                        new Analysis.Wave(1, List.of("a", "e"), 7.0),
                        new Analysis.Wave(2, List.of("b", "c"), 4.0),
                        new Analysis.Wave(3, List.of("d"), 3.0)),
                a.waves());
        assertEquals(5, a.totalTasks());
        assertEquals(4, a.edges());
    }

    @Test
    void theCriticalPathIsTheHeaviestChainNotTheLongest() {
        // a -> b -> c -> d is four tasks of 1s; x -> y is two tasks of 5s
        Analysis a = Analysis.of(
                graph(
                        task("a", 1.0),
                        task("b", 1.0, "a"),
                        task("c", 1.0, "b"),
                        task("d", 1.0, "c"),
                        task("x", 5.0),
                        task("y", 5.0, "x")),
                10);
        assertEquals(new Analysis.CriticalPath(List.of("x", "y"), 10.0), a.criticalPath());
    }

    @Test
    void theCriticalPathFollowsTheDependencyThatFinishesLast() {
        Analysis a = Analysis.of(
                graph(
                        task("a", 1.0),
                        task("slow", 5.0, "a"),
                        task("fast", 1.0, "a"),
                        task("join", 1.0, "fast", "slow")),
                10);
        assertEquals(new Analysis.CriticalPath(List.of("a", "slow", "join"), 7.0), a.criticalPath());
    }

    @Test
    void theMakespanIsAListScheduleNotTheSumOfWaveMaxima() {
        // waves {a(1), c(2), d(2)} and {b(4)}: the sum of wave maxima is 2 + 4 = 6; on two slots a
        // starts first (longest remaining path: 5), b follows at 1 and ends at 5
        Analysis a = Analysis.of(graph(task("c", 2.0), task("d", 2.0), task("a", 1.0), task("b", 4.0, "a")), 2);
        double waveMaxima =
                a.waves().stream().mapToDouble(Analysis.Wave::estimatedSeconds).sum();
        assertEquals(6.0, waveMaxima);
        assertEquals(5.0, a.makespanSeconds());
        assertEquals(9.0, a.totalWorkSeconds());
        assertEquals(9.0 / 5.0, a.speedup(), 1e-12);
    }

    @Test
    void theMakespanIsBoundedByTheSlots() {
        Analysis two = Analysis.of(graph(task("a", 2.0), task("b", 2.0), task("c", 2.0), task("d", 2.0)), 2);
        assertEquals(4.0, two.makespanSeconds());
        assertEquals(2.0, two.speedup());
        Analysis one = Analysis.of(graph(task("a", 2.0), task("b", 3.0), task("c", 2.0)), 1);
        assertEquals(7.0, one.makespanSeconds());
        assertEquals(1.0, one.speedup());
        Analysis many = Analysis.of(graph(task("a", 2.0), task("b", 3.0), task("c", 2.0)), 10);
        assertEquals(3.0, many.makespanSeconds());
    }

    @Test
    void aTaskWithoutAnEstimateCountsOneUnit() {
        Analysis a = Analysis.of(graph(task("a", null), task("b", null), task("c", 0.0, "a")), 10);
        assertEquals(2.0, a.totalWorkSeconds());
        assertEquals(1.0, a.makespanSeconds());
        assertEquals(2.0, a.speedup());
    }

    @Test
    void theTenTaskExampleHasThreeWavesAndASpeedupOf3point33() throws IOException {
        Analysis a = Analysis.of(TaskGraph.of(new TaskFileReader().read(Path.of("examples/ten-tasks.json"))), 10);
        assertEquals(10, a.totalTasks());
        assertEquals(3, a.waves().size());
        assertEquals(
                List.of("fetch-users", "fetch-orders", "fetch-products", "fetch-prices"),
                a.waves().get(0).tasks());
        assertEquals(
                List.of("index-users", "index-orders", "index-catalog"),
                a.waves().get(1).tasks());
        assertEquals(
                List.of("build-api", "build-web", "build-reports"),
                a.waves().get(2).tasks());
        assertEquals(10.0 / 3.0, a.speedup(), 1e-12);
        assertEquals(
                List.of("fetch-users", "index-users", "build-api"),
                a.criticalPath().tasks());
        assertEquals(Set.of("file_read", "search", "build"), a.types());
        assertFalse(a.homogeneous());

        JsonNode json = json(a, Decision.of(a, Config.defaults()));
        assertEquals(3.33, json.get("estimated_speedup").doubleValue());
        assertEquals(3, json.get("parallel_groups").intValue());
        assertEquals(10, json.get("total_tasks").intValue());
    }

    @Test
    void theJsonKeepsTheOriginalShapeAndAddsToIt() throws IOException {
        Analysis a = Analysis.of(graph(task("a", 1.5), task("b", 2.0, "a"), task("c", 1.0)), 4);
        JsonNode json = json(a, Decision.of(a, Config.defaults()));
        assertEquals(
                List.of(
                        "total_tasks",
                        "parallel_groups",
                        "estimated_speedup",
                        "groups",
                        "critical_path",
                        "estimated_makespan_seconds",
                        "total_estimated_seconds",
                        "max_parallel_tasks",
                        "dependencies",
                        "decision"),
                List.copyOf(iterable(json.fieldNames())));
        assertEquals(
                "{\"group\":1,\"tasks\":[\"a\",\"c\"],\"estimated_seconds\":1.5}",
                json.get("groups").get(0).toString());
        assertEquals(
                "{\"tasks\":[\"a\",\"b\"],\"estimated_seconds\":3.5}",
                json.get("critical_path").toString());
        assertEquals(3.5, json.get("estimated_makespan_seconds").doubleValue());
        assertEquals(1.29, json.get("estimated_speedup").doubleValue());
        assertEquals(4, json.get("max_parallel_tasks").intValue());
        assertEquals("sequential", json.get("decision").get("mode").textValue());
        assertEquals("low_speedup", json.get("decision").get("rule").textValue());
    }

    /** Regression: the JSON generator closed the caller's writer, so the shell lost its output after one --json. */
    @Test
    void writingJsonLeavesTheCallersWriterOpen() throws IOException {
        boolean[] closed = {false};
        StringWriter out = new StringWriter() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        Analysis a = Analysis.of(graph(task("a", 1.0)), 1);
        AnalysisJson.write(a, null, out);
        assertFalse(closed[0]);
        assertTrue(out.toString().endsWith("}"), out.toString());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        AnalysisJson.write(a, null, bytes);
        assertFalse(closed[0]);
        assertEquals(out.toString(), bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void anEmptySetHasNoWavesAndNoSpeedup() {
        Analysis a = Analysis.of(TaskGraph.of(dev.fanout.task.TaskSet.empty("none")), 10);
        assertTrue(a.waves().isEmpty());
        assertTrue(a.criticalPath().tasks().isEmpty());
        assertEquals(0.0, a.makespanSeconds());
        assertEquals(1.0, a.speedup());
    }

    @Test
    void typesWithoutANameCountAsOne() {
        Analysis a = Analysis.of(graph(typed("a", "build", 1.0), typed("b", null, 1.0), typed("c", " ", 1.0)), 10);
        assertEquals(Set.of("build", "untyped"), a.types());
    }

    private static JsonNode json(Analysis a, Decision d) throws IOException {
        StringWriter out = new StringWriter();
        AnalysisJson.write(a, d, out);
        return new ObjectMapper().readTree(out.toString());
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
