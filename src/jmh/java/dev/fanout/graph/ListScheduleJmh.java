package dev.fanout.graph;

import dev.fanout.task.TaskFileReader;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scheduling decisions of the analysis: the longest remaining path of every task, and the
 * simulated list schedule on a number of slots (the estimate, and what {@code run --dry-run} shows).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ListScheduleJmh {
    @Param({"10000", "100000"})
    int tasks;

    @Param({"2", "10"})
    int slots;

    private TaskGraph graph;
    private double[] weights;
    private double[] remaining;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path file = Files.createTempFile("fanout-jmh", ".json");
        try {
            new RandomDagFile(tasks, RandomDagFile.DEFAULT_SEED).writeTo(file);
            graph = TaskGraph.of(new TaskFileReader().read(file));
        } finally {
            Files.delete(file);
        }
        weights = new double[graph.size()];
        for (int v = 0; v < weights.length; v++) {
            weights[v] = graph.task(v).estimateOrUnit();
        }
        remaining = ListSchedule.longestRemainingPath(graph, weights);
    }

    @Benchmark
    public double[] longestRemainingPath() {
        return ListSchedule.longestRemainingPath(graph, weights);
    }

    @Benchmark
    public double plan() {
        return ListSchedule.plan(graph, weights, remaining, slots, false).makespan();
    }

    /** The plan with every task's slot and times kept, as {@code run --dry-run} needs. */
    @Benchmark
    public int planKept() {
        return ListSchedule.plan(graph, weights, remaining, slots, true).slots().size();
    }
}
