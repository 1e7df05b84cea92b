package dev.fanout.script;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.merge.MergeStrategy;
import dev.fanout.merge.SearchHitsMerge;
import dev.fanout.merge.TaskOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
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
 * Merging search hits from 100 task results: the built-in {@code search} strategy, a JavaScript
 * strategy ({@code examples/js/top3.js}), and a JavaScript strategy that only counts the outputs
 * (the cost of handing the results to JavaScript alone). Hits as in {@link MergeBenchmark}.
 * {@code -p hitsPerTask=10000} is the million hits of {@code scripts/bench}. Run from the project folder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class MergeJmh {
    @Param({"1000"})
    int hitsPerTask;

    private List<TaskOutput> outputs;
    private Path dir;
    private ScriptBridge bridge;
    private MergeStrategy search;
    private MergeStrategy top3;
    private MergeStrategy count;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        outputs = MergeBenchmark.searchOutputs(MergeBenchmark.TASKS, hitsPerTask, 300_000, new SplittableRandom(42));
        dir = Files.createTempDirectory("fanout-jmh");
        bridge = new ScriptBridge(new InMemoryHost(dir), new ScriptOptions(false, 0), dir);
        bridge.evaluateFile(Path.of("examples", "js", "top3.js"));
        bridge.evaluate("fanout.registerMerge('count', outputs => outputs.length)");
        search = new SearchHitsMerge();
        top3 = bridge.registry().mergeStrategy("top3").orElseThrow();
        count = bridge.registry().mergeStrategy("count").orElseThrow();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        bridge.close();
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public JsonNode search() {
        return search.merge(outputs);
    }

    @Benchmark
    public JsonNode javaScriptTop3() {
        return top3.merge(outputs);
    }

    @Benchmark
    public JsonNode javaScriptCrossingOnly() {
        return count.merge(outputs);
    }
}
