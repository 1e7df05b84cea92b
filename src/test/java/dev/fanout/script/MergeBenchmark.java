package dev.fanout.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.merge.MergeStrategy;
import dev.fanout.merge.SearchHitsMerge;
import dev.fanout.merge.TaskOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures, in process, merging 1,000,000 search hits from 100 task results (a benchmark, not a
 * test): the built-in {@code search} strategy and a JavaScript one ({@code examples/js/top3.js},
 * which keeps each hit once with every task that found it, and the three best), in alternation,
 * from a collected heap each time. Hits are keyed a third each by id, path+line and url, drawn
 * from a pool of 300,000 so most are found by several tasks; 1% have no score.
 *
 * <p>Run from the project folder: {@code java -cp target/fanout.jar:target/test-classes
 * dev.fanout.script.MergeBenchmark [ROUNDS] [WARM_UPS] [--samples]}. With {@code --samples}
 * each measured run is printed as {@code merge-search<tab>SECONDS} or {@code merge-js<tab>SECONDS}
 * for {@code scripts/bench}.
 */
public final class MergeBenchmark {
    static final int TASKS = 100;
    static final int HITS_PER_TASK = 10_000;
    private static final int POOL = 300_000;

    private MergeBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<String> positional =
                Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        boolean samples = Arrays.asList(args).contains("--samples");
        int rounds = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 3;
        int warmUps = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 1;
        List<TaskOutput> outputs = searchOutputs(TASKS, HITS_PER_TASK, POOL, new SplittableRandom(42));
        Path dir = Files.createTempDirectory("fanout-bench");
        // no time limit: the figure is what the merge takes, however long
        try (ScriptBridge bridge = new ScriptBridge(new InMemoryHost(dir), new ScriptOptions(false, 0), dir)) {
            bridge.evaluateFile(Path.of("examples", "js", "top3.js"));
            MergeStrategy js = bridge.registry().mergeStrategy("top3").orElseThrow();
            MergeStrategy search = new SearchHitsMerge();
            for (int r = 0; r < warmUps + rounds; r++) {
                String label = r < warmUps ? "warm-up " + (r + 1) : "run " + (r - warmUps + 1);
                double s = timed(search, outputs);
                double j = timed(js, outputs);
                if (r >= warmUps && samples) {
                    System.out.printf(Locale.ROOT, "merge-search\t%.4f%nmerge-js\t%.4f%n", s, j);
                } else if (!samples) {
                    System.out.printf(Locale.ROOT, "%s: search %.3f s, JavaScript top3 %.3f s%n", label, s, j);
                }
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    /** Seconds one merge takes, started from a collected heap so no run pays for another's garbage. */
    private static double timed(MergeStrategy strategy, List<TaskOutput> outputs) {
        System.gc();
        long start = System.nanoTime();
        JsonNode merged = strategy.merge(outputs);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (merged.path("unique_hits").asLong() == 0) {
            throw new IllegalStateException(strategy.name() + " merged no hits: " + merged);
        }
        return seconds;
    }

    /** {@code tasks} search results of {@code perTask} hits each, drawn from {@code pool} distinct hits. */
    static List<TaskOutput> searchOutputs(int tasks, int perTask, int pool, SplittableRandom random) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        List<TaskOutput> outputs = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            ObjectNode result = nodes.objectNode();
            ArrayNode hits = result.putArray("hits");
            for (int i = 0; i < perTask; i++) {
                int k = random.nextInt(pool);
                ObjectNode hit = hits.addObject();
                switch (k % 3) {
                    case 0 -> hit.put("id", "doc-" + k);
                    case 1 ->
                        hit.put("path", "src/main/java/pkg" + (k % 97) + "/File" + k + ".java")
                                .put("line", k % 400);
                    default -> hit.put("url", "https://example.org/page/" + k);
                }
                hit.put("title", "result " + k);
                if (random.nextInt(100) != 0) {
                    hit.put("score", random.nextDouble());
                }
            }
            outputs.add(new TaskOutput("search-" + t, "search", "succeeded", result, null));
        }
        return outputs;
    }
}
