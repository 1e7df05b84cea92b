package dev.fanout.graph;

import dev.fanout.Numbers;
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
 * <p>Run: {@code java -cp target/fanout.jar:target/test-classes dev.fanout.graph.AnalysisBenchmark
 * [SIZES] [REPETITIONS] [WARM_UPS] [--samples] [--files=DIR]}, e.g. {@code 10000,100000,1000000 5 2}.
 * With {@code --samples} it prints each measured run as {@code analysis-STAGE-SIZE<tab>SECONDS}
 * lines (STAGE: parse, analyse — graph and analysis —, total) for {@code scripts/bench}, which
 * runs it so; with {@code --files=DIR} it reads {@code DIR/dag-SIZE.json} where that exists (the
 * same file, same seed) instead of writing it again.
 */
public final class AnalysisBenchmark {
    private AnalysisBenchmark() {}

    public static void main(String[] args) throws IOException {
        List<String> positional =
                Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        int[] sizes = !positional.isEmpty()
                ? Arrays.stream(positional.get(0).split(","))
                        .mapToInt(s -> Integer.parseInt(s.trim().replace("_", "")))
                        .toArray()
                : new int[] {10_000, 100_000, 1_000_000};
        boolean samples = Arrays.asList(args).contains("--samples");
        Path given = Arrays.stream(args)
                .filter(a -> a.startsWith("--files="))
                .map(a -> Path.of(a.substring(8)))
                .findFirst()
                .orElse(null);
        int reps = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 5;
        int warmUps = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 2;
        Path dir = Files.createTempDirectory("fanout-bench");
        Config config = Config.defaults();
        if (!samples) {
            System.out.printf(
                    Locale.ROOT,
                    "java %s, %d cores, max heap %d MB; median of %d runs after %d warm-up runs%n",
                    System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20,
                    reps,
                    warmUps);
            System.out.printf(
                    Locale.ROOT,
                    "%9s %9s %7s | %-21s | %-21s | %-21s | %s%n",
                    "",
                    "",
                    "",
                    "parse ms",
                    "graph ms",
                    "analyse ms",
                    "graph+analyse ms");
            System.out.printf(
                    Locale.ROOT,
                    "%9s %9s %7s | %10s %10s | %10s %10s | %10s %10s | %10s %10s%n",
                    "tasks",
                    "edges",
                    "file MB",
                    "wall",
                    "cpu",
                    "wall",
                    "cpu",
                    "wall",
                    "cpu",
                    "wall",
                    "cpu");
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try {
            for (int n : sizes) {
                Path existing = given == null ? null : given.resolve("dag-" + n + ".json");
                boolean reuse = existing != null && Files.isRegularFile(existing);
                Path file = reuse ? existing : dir.resolve("dag-" + n + ".json");
                if (!reuse) {
                    new RandomDagFile(n, RandomDagFile.DEFAULT_SEED).writeTo(file);
                }
                int edges = 0;
                Timings parse = new Timings();
                Timings graph = new Timings();
                Timings analyse = new Timings();
                String result = "";
                for (int r = 0; r < warmUps + reps; r++) {
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
                    edges = g.edgeCount();
                    Analysis a = Analysis.of(g, config.maxParallelTasks());
                    Decision d = Decision.of(a, config);
                    long w3 = System.nanoTime();
                    long c3 = threads.getCurrentThreadCpuTime();
                    result = Numbers.text(a.speedup()) + "x, " + a.waves().size() + " waves, " + d.summary();
                    if (r >= warmUps) {
                        parse.add(parseWall, parseCpu);
                        graph.add(w2 - w1, c2 - c1);
                        analyse.add(w3 - w2, c3 - c2);
                        if (samples) {
                            System.out.printf(
                                    Locale.ROOT,
                                    "analysis-parse-%d\t%.4f%nanalysis-analyse-%d\t%.4f%n"
                                            + "analysis-total-%d\t%.4f%n",
                                    n,
                                    parseWall / 1e9,
                                    n,
                                    (w3 - w1) / 1e9,
                                    n,
                                    (parseWall + w3 - w1) / 1e9);
                        }
                    }
                }
                Timings both = graph.plus(analyse);
                if (!samples) {
                    System.out.printf(
                            Locale.ROOT,
                            "%9d %9d %7.1f | %s | %s | %s | %s   (%s)%n",
                            n,
                            edges,
                            Files.size(file) / 1e6,
                            parse,
                            graph,
                            analyse,
                            both,
                            result);
                }
                if (!reuse) {
                    Files.delete(file);
                }
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
