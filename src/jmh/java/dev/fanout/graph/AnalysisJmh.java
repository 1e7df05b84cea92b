package dev.fanout.graph;

import dev.fanout.task.TaskFileReader;
import dev.fanout.task.TaskSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a tasks file, building its graph, and analysing it (waves, critical path, list
 * schedule), each alone, on the random DAGs of {@link RandomDagFile} (about 3 edges a task).
 * {@code -p tasks=1000000} gives the size of the "under 2 s in process" target.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AnalysisJmh {
    @Param({"10000", "100000"})
    int tasks;

    private Path file;
    private TaskSet taskSet;
    private TaskGraph graph;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("fanout-jmh", ".json");
        new RandomDagFile(tasks, RandomDagFile.DEFAULT_SEED).writeTo(file);
        taskSet = new TaskFileReader().read(file);
        graph = TaskGraph.of(taskSet);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public TaskSet read() {
        return new TaskFileReader().read(file);
    }

    @Benchmark
    public TaskGraph graph() {
        return TaskGraph.of(taskSet);
    }

    @Benchmark
    public Analysis analysis() {
        return Analysis.of(graph, 10);
    }
}
