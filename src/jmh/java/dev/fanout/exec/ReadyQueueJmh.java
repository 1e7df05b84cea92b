package dev.fanout.exec;

import dev.fanout.graph.RandomDagFile;
import dev.fanout.graph.TaskGraph;
import dev.fanout.task.TaskFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Map;
import java.util.PriorityQueue;
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
 * The scheduler's decisions during a run, without processes: the start order ({@link StartOrder},
 * longest remaining path first, from estimates or measured durations) and the ready queue the
 * scheduler's one thread keeps — every task added when its last dependency ends, and taken when a
 * slot frees, with {@code jobs} tasks "running" and ending first in, first out.
 * The figure divided by the task count is the scheduler's own cost a task.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ReadyQueueJmh {
    @Param({"1000", "100000"})
    int tasks;

    @Param({"8"})
    int jobs;

    private TaskGraph graph;
    private Comparator<Integer> order;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path file = Files.createTempFile("fanout-jmh", ".json");
        try {
            new RandomDagFile(tasks, RandomDagFile.DEFAULT_SEED).writeTo(file);
            graph = TaskGraph.of(new TaskFileReader().read(file));
        } finally {
            Files.delete(file);
        }
        order = StartOrder.of(graph, true, Map.of());
    }

    @Benchmark
    public Comparator<Integer> startOrder() {
        return StartOrder.of(graph, true, Map.of());
    }

    /** Every task through the ready queue, as the scheduler does it; returns the last task started. */
    @Benchmark
    public int readyQueue() {
        int n = graph.size();
        int[] waiting = new int[n];
        PriorityQueue<Integer> ready = new PriorityQueue<>(n, order);
        for (int v = 0; v < n; v++) {
            waiting[v] = graph.predecessorCount(v);
            if (waiting[v] == 0) {
                ready.add(v);
            }
        }
        ArrayDeque<Integer> running = new ArrayDeque<>(jobs);
        int last = -1;
        while (!ready.isEmpty() || !running.isEmpty()) {
            while (running.size() < jobs && !ready.isEmpty()) {
                last = ready.poll();
                running.add(last);
            }
            int done = running.poll();
            for (int i = 0, c = graph.successorCount(done); i < c; i++) {
                int w = graph.successor(done, i);
                if (--waiting[w] == 0) {
                    ready.add(w);
                }
            }
        }
        return last;
    }
}
