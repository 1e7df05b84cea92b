package dev.fanout.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.merge.MergeStrategy;
import dev.fanout.merge.TaskOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Figures for the performance note (a benchmark, not a test): the time to the first JavaScript
 * result from a cold engine, a JavaScript merge over 100,000 task outputs (target: under 5 s),
 * and script tasks through the engine's one thread. From the project folder:
 *
 * <pre>
 * mvn -q -B -o package -DskipTests
 * java -cp target/test-classes:target/fanout.jar dev.fanout.script.ScriptBenchmark
 * </pre>
 */
public final class ScriptBenchmark {
    private static final int OUTPUTS = 100_000;
    private static final int TASK_SCRIPTS = 1_000;

    private ScriptBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.printf(
                "%d processors, load average %.1f%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        Path dir = Files.createTempDirectory("fanout-bench");
        ScriptOptions options = new ScriptOptions(false, 60);

        long start = System.nanoTime();
        try (ScriptBridge cold = new ScriptBridge(new InMemoryHost(dir), options, dir)) {
            JsonNode v = cold.evaluate("1 + 2").value();
            report("first JS result, cold JVM and engine (new bridge + evaluate '1 + 2' = " + v + ")", start);
        }
        start = System.nanoTime();
        try (ScriptBridge second = new ScriptBridge(new InMemoryHost(dir), options, dir)) {
            second.evaluate("1 + 2");
            report("first JS result, second engine in the same JVM", start);
        }

        try (ScriptBridge bridge = new ScriptBridge(new InMemoryHost(dir), options, dir)) {
            bridge.evaluateFile(Path.of("examples", "js", "top3.js"));
            bridge.evaluate("fanout.registerMerge('count', outputs => outputs.length)");
            MergeStrategy top3 = bridge.registry().mergeStrategy("top3").orElseThrow();
            MergeStrategy count = bridge.registry().mergeStrategy("count").orElseThrow();
            List<TaskOutput> outputs = searchOutputs();
            for (int round = 1; round <= 2; round++) {
                start = System.nanoTime();
                cpuStart = processCpuNanos();
                count.merge(outputs);
                report("JS merge 'count' (outputs => outputs.length: the cost of crossing), round " + round, start);
            }
            for (int round = 1; round <= 3; round++) {
                start = System.nanoTime();
                cpuStart = processCpuNanos();
                JsonNode merged = top3.merge(outputs);
                report(
                        "JS merge 'top3' over " + OUTPUTS + " outputs (" + merged.get("unique_hits")
                                + " unique hits), round " + round,
                        start);
            }

            start = System.nanoTime();
            List<CompletableFuture<ScriptResult>> tasks = new ArrayList<>();
            for (int i = 0; i < TASK_SCRIPTS; i++) {
                ObjectNode task = InMemoryHost.MAPPER
                        .createObjectNode()
                        .put("id", "t" + i)
                        .put("n", i);
                tasks.add(bridge.runTask("task => ({id: task.id, square: task.n * task.n})", task, dir));
            }
            CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).join();
            report(TASK_SCRIPTS + " script tasks (one inline function) through the engine thread", start);
        }
    }

    /** Each output: a search task's result with two hits; ids repeat across tasks, as real searches do. */
    private static List<TaskOutput> searchOutputs() {
        List<TaskOutput> outputs = new ArrayList<>(OUTPUTS);
        for (int i = 0; i < OUTPUTS; i++) {
            ObjectNode result = InMemoryHost.MAPPER.createObjectNode();
            ArrayNode hits = result.putArray("hits");
            hits.addObject()
                    .put("id", "doc-" + (i % 50_000))
                    .put("score", (i * 7919 % 10_000) / 10_000.0)
                    .put("title", "document " + i);
            hits.addObject()
                    .put("path", "src/file" + (i % 1000) + ".c")
                    .put("line", i % 97)
                    .put("score", (i % 997) / 997.0);
            outputs.add(new TaskOutput("search-" + i, "search", "succeeded", result, null));
        }
        return outputs;
    }

    private static long cpuStart;

    private static void report(String what, long startNanos) {
        long cpu = processCpuNanos();
        System.out.printf(
                "%-92s %7.0f ms wall %7.0f ms CPU%n",
                what, (System.nanoTime() - startNanos) / 1e6, (cpu - cpuStart) / 1e6);
        cpuStart = processCpuNanos();
    }

    /** CPU time of the whole process (all threads, the JIT and GC included): on a busy machine the wall time is not the cost. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
