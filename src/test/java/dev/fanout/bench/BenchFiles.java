package dev.fanout.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.graph.RandomDagFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Writes the inputs of {@code scripts/bench} into a folder, each workload for fanout and for its
 * peers from one description, so that every tool runs the same graph:
 * <ul>
 * <li>{@code overhead/}, {@code overhead-warmup/}: independent tasks of {@code true} as a tasks
 *     file, a Makefile (phony targets), a build.ninja, and an argument list for xargs and GNU Parallel;
 * <li>{@code makespan/}: a fixed random graph of 200 {@code sleep} tasks as a tasks file (with
 *     their lengths as estimates), a Makefile, a build.ninja, and {@code waves/NNN} (each wave's
 *     sleep lengths) for the wave method;
 * <li>{@code failure/}: the same graph where a tenth of the tasks fail once (a marker file in
 *     {@code failure/marks/} says the first attempt happened), as a tasks file with one retry and
 *     {@code waves/NNN} command lines for GNU Parallel per wave;
 * <li>{@code analysis/dag-N.json} and {@code .edges}: random DAGs of N tasks for
 *     {@code fanout analyze} and the same edges for {@code tsort};
 * <li>{@code bounds.sh}: the figures each workload is judged against, as shell variables: the
 *     lower bound max(critical path, work / slots), a tighter one from earliest starts, and the
 *     makespans of ideal list scheduling and of ideal waves.
 * </ul>
 * Run: {@code java -cp target/fanout.jar:target/test-classes dev.fanout.bench.BenchFiles DIR [ANALYSIS_SIZES]}.
 */
public final class BenchFiles {
    static final long SEED = 42;
    static final int OVERHEAD_TASKS = 1_000;
    static final int WARMUP_TASKS = 100;
    static final int GRAPH_TASKS = 200;
    static final int GRAPH_SLOTS = 8;
    static final double FAILING_SHARE = 0.10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    BenchFiles(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: BenchFiles DIR [ANALYSIS_SIZES, e.g. 10000,100000,1000000]");
            System.exit(2);
        }
        int[] sizes = args.length > 1 && !args[1].isBlank()
                ? Arrays.stream(args[1].split(","))
                        .mapToInt(s -> Integer.parseInt(s.trim().replace("_", "")))
                        .toArray()
                : new int[0];
        new BenchFiles(Path.of(args[0]).toAbsolutePath()).writeAll(sizes);
    }

    void writeAll(int[] analysisSizes) throws IOException {
        writeOverhead(dir.resolve("overhead"), OVERHEAD_TASKS);
        writeOverhead(dir.resolve("overhead-warmup"), WARMUP_TASKS);
        SleepGraph graph = SleepGraph.random(GRAPH_TASKS, SEED);
        writeMakespan(dir.resolve("makespan"), graph);
        boolean[] failing = failingTasks(graph.size(), FAILING_SHARE, SEED);
        writeFailure(dir.resolve("failure"), graph, failing);
        for (int n : analysisSizes) {
            Path analysis = Files.createDirectories(dir.resolve("analysis"));
            new RandomDagFile(n, RandomDagFile.DEFAULT_SEED)
                    .writeTo(analysis.resolve("dag-" + n + ".json"), analysis.resolve("dag-" + n + ".edges"));
        }
        Files.writeString(dir.resolve("bounds.sh"), bounds(graph, failing));
    }

    /** {@code count} independent tasks of {@code true}: the cost of starting a task, for every tool. */
    void writeOverhead(Path out, int count) throws IOException {
        Files.createDirectories(out);
        ArrayNode tasks = JSON.createArrayNode();
        StringBuilder make = new StringBuilder("# ").append(count).append(" independent tasks of true\n");
        StringBuilder ninja = new StringBuilder("# ")
                .append(count)
                .append(" independent tasks of true\n")
                .append("rule true\n  command = true\n");
        StringBuilder args = new StringBuilder();
        List<String> ids = IntStream.range(0, count).mapToObj(i -> "t" + i).toList();
        make.append(".PHONY: all ").append(String.join(" ", ids)).append('\n');
        make.append("all: ").append(String.join(" ", ids)).append('\n');
        for (String id : ids) {
            tasks.addObject().put("id", id).put("command", "true");
            make.append(id).append(":\n\ttrue\n");
            // the output is never written, so ninja runs every edge on every invocation
            ninja.append("build ").append(id).append(": true\n");
            args.append(id).append('\n');
        }
        ninja.append("build all: phony ").append(String.join(" ", ids)).append("\ndefault all\n");
        writeTasks(out.resolve("tasks.json"), tasks, 0);
        Files.writeString(out.resolve("Makefile"), make);
        Files.writeString(out.resolve("build.ninja"), ninja);
        Files.writeString(out.resolve("args"), args);
    }

    /** The sleep graph for fanout, make and ninja, and its waves for the wave method. */
    void writeMakespan(Path out, SleepGraph graph) throws IOException {
        Path waves = Files.createDirectories(out.resolve("waves"));
        ArrayNode tasks = JSON.createArrayNode();
        StringBuilder make = new StringBuilder("# ")
                .append(graph.size())
                .append(" sleep tasks, seed ")
                .append(SEED)
                .append('\n');
        StringBuilder ninja = new StringBuilder("# ")
                .append(graph.size())
                .append(" sleep tasks, seed ")
                .append(SEED)
                .append('\n')
                .append("rule sleep\n  command = sleep $secs\n");
        List<String> ids =
                IntStream.range(0, graph.size()).mapToObj(BenchFiles::id).toList();
        make.append(".PHONY: all ").append(String.join(" ", ids)).append('\n');
        make.append("all: ").append(String.join(" ", ids)).append('\n');
        for (int i = 0; i < graph.size(); i++) {
            String secs = seconds(graph.seconds()[i]);
            List<String> deps =
                    Arrays.stream(graph.deps()[i]).mapToObj(BenchFiles::id).toList();
            ObjectNode task = tasks.addObject()
                    .put("id", id(i))
                    .put("estimated_seconds", graph.seconds()[i])
                    .put("command", "sleep " + secs);
            if (!deps.isEmpty()) {
                deps.forEach(task.putArray("depends_on")::add);
            }
            make.append(id(i))
                    .append(':')
                    .append(prefixed(" ", deps))
                    .append("\n\tsleep ")
                    .append(secs)
                    .append('\n');
            // outputs are never written (phony in effect): every invocation runs every edge
            ninja.append("build ")
                    .append(id(i))
                    .append(": sleep")
                    .append(prefixed(" ", deps))
                    .append("\n  secs = ")
                    .append(secs)
                    .append('\n');
        }
        ninja.append("build all: phony ").append(String.join(" ", ids)).append("\ndefault all\n");
        writeTasks(out.resolve("tasks.json"), tasks, 0);
        Files.writeString(out.resolve("Makefile"), make);
        Files.writeString(out.resolve("build.ninja"), ninja);
        List<List<Integer>> members = graph.waveMembers();
        for (int w = 0; w < members.size(); w++) {
            String lines = members.get(w).stream()
                    .map(i -> seconds(graph.seconds()[i]) + "\n")
                    .collect(Collectors.joining());
            Files.writeString(waves.resolve(String.format("%03d", w)), lines);
        }
    }

    /**
     * The sleep graph where the {@code failing} tasks fail once: the first attempt does its work,
     * leaves a marker and exits 1; the retry finds the marker and succeeds. One retry each, right
     * away (fanout's backoff is 0.01 s), as GNU Parallel's {@code --retries 2} gives.
     */
    void writeFailure(Path out, SleepGraph graph, boolean[] failing) throws IOException {
        Path waves = Files.createDirectories(out.resolve("waves"));
        Path marks = Files.createDirectories(out.resolve("marks"));
        String[] commands = new String[graph.size()];
        for (int i = 0; i < graph.size(); i++) {
            String sleep = "sleep " + seconds(graph.seconds()[i]);
            String mark = "'" + marks.resolve(id(i)) + "'";
            commands[i] = failing[i]
                    ? "[ -e " + mark + " ] || { " + sleep + "; : > " + mark + "; exit 1; }; " + sleep
                    : sleep;
        }
        ArrayNode tasks = JSON.createArrayNode();
        for (int i = 0; i < graph.size(); i++) {
            ObjectNode task = tasks.addObject()
                    .put("id", id(i))
                    .put("estimated_seconds", graph.seconds()[i])
                    .put("command", commands[i]);
            if (graph.deps()[i].length > 0) {
                Arrays.stream(graph.deps()[i]).mapToObj(BenchFiles::id).forEach(task.putArray("depends_on")::add);
            }
        }
        writeTasks(out.resolve("tasks.json"), tasks, 1);
        List<List<Integer>> members = graph.waveMembers();
        for (int w = 0; w < members.size(); w++) {
            String lines = members.get(w).stream().map(i -> commands[i] + "\n").collect(Collectors.joining());
            Files.writeString(waves.resolve(String.format("%03d", w)), lines);
        }
    }

    /** Exactly round(share * n) tasks, chosen by the seed. */
    static boolean[] failingTasks(int n, double share, long seed) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(order, new Random(seed));
        boolean[] failing = new boolean[n];
        order.subList(0, (int) Math.round(share * n)).forEach(i -> failing[i] = true);
        return failing;
    }

    /** The figures of both graphs; in the failure graph a failing task's work counts twice (it runs twice). */
    static String bounds(SleepGraph graph, boolean[] failing) {
        double[] twice = graph.seconds().clone();
        int failingCount = 0;
        for (int i = 0; i < twice.length; i++) {
            if (failing[i]) {
                twice[i] *= 2;
                failingCount++;
            }
        }
        return "# figures of the sleep graphs (seed " + SEED + ", " + GRAPH_SLOTS + " slots); seconds\n"
                + figures("makespan", graph) + figures("failure", graph.withSeconds(twice))
                + "failure_failing=" + failingCount + "\n";
    }

    private static String figures(String prefix, SleepGraph g) {
        return String.format(
                Locale.ROOT,
                "%1$s_tasks=%2$d%n%1$s_waves=%3$d%n%1$s_work=%4$.3f%n%1$s_critical=%5$.3f%n"
                        + "%1$s_lower_bound=%6$.3f%n%1$s_earliest_start_bound=%7$.3f%n%1$s_list_ideal=%8$.3f%n"
                        + "%1$s_waves_ideal=%9$.3f%n",
                prefix,
                g.size(),
                g.waveCount(),
                g.totalWork(),
                g.criticalPath(),
                g.lowerBound(GRAPH_SLOTS),
                g.earliestStartBound(GRAPH_SLOTS),
                g.listScheduleMakespan(GRAPH_SLOTS),
                g.waveBarrierMakespan(GRAPH_SLOTS));
    }

    private static void writeTasks(Path file, ArrayNode tasks, int retries) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode config = root.putObject("config").put("max_retries", retries);
        if (retries > 0) {
            config.put("backoff_base_seconds", 0.01);
        }
        root.set("tasks", tasks);
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    static String id(int i) {
        return String.format("s%03d", i);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private static String prefixed(String prefix, List<String> items) {
        return items.stream().map(s -> prefix + s).collect(Collectors.joining());
    }
}
