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
}
