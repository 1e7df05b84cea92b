package dev.fanout.graph;

import dev.fanout.config.Config;
import dev.fanout.task.TaskFileReader;
import dev.fanout.task.TaskSet;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures, in process, reading a tasks file and analysing it (graph, waves, critical path, list
 * schedule, decision) separately, on random DAGs of {@link RandomDagFile} with about 3 edges a
 * task. Each size is run a few times to warm up, then measured; the median is reported, as wall
 * time and as this thread's CPU time (which other processes on a busy machine disturb less).
 * A full collection runs before each timed stage, so no stage pays for the garbage of another.
 * A benchmark, not a test: numbers depend on the machine.
 *
 * <p>Run: {@code scripts/bench [SIZES] [REPETITIONS]}, e.g. {@code scripts/bench 10000,100000,1000000 5}.
 */
public final class AnalysisBenchmark {
    private static final int WARM_UP = 2;

    private AnalysisBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int[] sizes = args.length > 0
                ? Arrays.stream(args[0].split(",")).mapToInt(s -> Integer.parseInt(s.trim().replace("_", ""))).toArray()
                : new int[] {10_000, 100_000, 1_000_000};
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("fanout-bench");
        Config config = Config.defaults();
        System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MB; median of %d runs after %d warm-up runs%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, reps, WARM_UP);
        System.out.printf(Locale.ROOT, "%9s %9s %7s | %-21s | %-21s | %-21s | %s%n", "", "", "",
                "parse ms", "graph ms", "analyse ms", "graph+analyse ms");
        System.out.printf(Locale.ROOT, "%9s %9s %7s | %10s %10s | %10s %10s | %10s %10s | %10s %10s%n",
                "tasks", "edges", "file MB", "wall", "cpu", "wall", "cpu", "wall", "cpu", "wall", "cpu");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try {
            for (int n : sizes) {
                Path file = dir.resolve("dag-" + n + ".json");
                long edges = new RandomDagFile(n, RandomDagFile.DEFAULT_SEED).writeTo(file);
                Timings parse = new Timings();
                Timings graph = new Timings();
                Timings analyse = new Timings();
                String result = "";
                for (int r = 0; r < WARM_UP + reps; r++) {
                    System.gc();
                    long w0 = System.nanoTime();
                    long c0 = threads.getCurrentThreadCpuTime();
                    TaskSet set = new TaskFileReader().read(file);
                    long parseWall = System.nanoTime() - w0;
                    long parseCpu = threads.getCurrentThreadCpuTime() - c0;
                    System.gc(); // so that collecting the reading's garbage is not timed as analysis
                    long w1 = System.nanoTime();
                    long c1 = threads.getCurrentThreadCpuTime();
                    TaskGraph g = TaskGraph.of(set);
                    long w2 = System.nanoTime();
                    long c2 = threads.getCurrentThreadCpuTime();
                    Analysis a = Analysis.of(g, config.maxParallelTasks());
                    Decision d = Decision.of(a, config);
                    long w3 = System.nanoTime();
                    long c3 = threads.getCurrentThreadCpuTime();
                    result = Decision.fmt(a.speedup()) + "x, " + a.waves().size() + " waves, " + d.summary();
                    if (r >= WARM_UP) {
                        parse.add(parseWall, parseCpu);
                        graph.add(w2 - w1, c2 - c1);
                        analyse.add(w3 - w2, c3 - c2);
                    }
                }
                Timings both = graph.plus(analyse);
                System.out.printf(Locale.ROOT, "%9d %9d %7.1f | %s | %s | %s | %s   (%s)%n", n, edges,
                        Files.size(file) / 1e6, parse, graph, analyse, both, result);
                Files.delete(file);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    /** Wall and CPU times of the measured runs, shown as their medians in milliseconds. */
    private static final class Timings {
        private final List<Long> wall = new ArrayList<>();
        private final List<Long> cpu = new ArrayList<>();

        void add(long wallNanos, long cpuNanos) {
            wall.add(wallNanos);
            cpu.add(cpuNanos);
        }

        /** Run by run sums of two stages. */
        Timings plus(Timings other) {
            Timings sum = new Timings();
            for (int i = 0; i < wall.size(); i++) {
                sum.add(wall.get(i) + other.wall.get(i), cpu.get(i) + other.cpu.get(i));
            }
            return sum;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%10.0f %10.0f", median(wall) / 1e6, median(cpu) / 1e6);
        }

        private static double median(List<Long> values) {
            long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
        }
    }
}
