package dev.fanout.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.fanout.task.TaskFileReader;
import dev.fanout.task.TaskSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's generator: a valid, acyclic tasks file, the same for the same seed. */
class RandomDagFileTest {
    @TempDir
    Path dir;

    @Test
    void writesTheSameAcyclicFileForTheSameSeed() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Path c = dir.resolve("c.json");
        long edges = new RandomDagFile(2_000, 7).writeTo(a);
        new RandomDagFile(2_000, 7).writeTo(b);
        new RandomDagFile(2_000, 8).writeTo(c);
        assertEquals(Files.readString(a), Files.readString(b));
        assertNotEquals(Files.readString(a), Files.readString(c));
        assertEquals(3 * 2_000 - 6, edges, "three dependencies a task, fewer for the first three");
        TaskSet set = new TaskFileReader().read(a);
        TaskGraph graph = TaskGraph.of(set);
        assertEquals(2_000, graph.size());
        assertEquals(edges, graph.edgeCount());
    }

    @Test
    void writesTheSameDependenciesAsAnEdgeListForTsort() throws IOException {
        Path json = dir.resolve("g.json");
        Path edgeFile = dir.resolve("g.edges");
        new RandomDagFile(500, 3).writeTo(json, edgeFile);
        TaskGraph graph = TaskGraph.of(new TaskFileReader().read(json));
        java.util.Set<String> expected = new java.util.HashSet<>();
        for (int v = 0; v < graph.size(); v++) {
            for (int p : graph.predecessors(v)) {
                expected.add(graph.id(p) + " " + graph.id(v));
            }
            if (graph.predecessorCount(v) == 0) {
                expected.add(graph.id(v) + " " + graph.id(v)); // tsort's way to name a lone item
            }
        }
        java.util.List<String> lines = Files.readAllLines(edgeFile);
        assertEquals(expected, new java.util.HashSet<>(lines));
        assertEquals(expected.size(), lines.size(), "no pair twice");
    }
}
