package dev.fanout.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Measures the {@code search} strategy on 1,000,000 hits from 100 tasks (a benchmark, not a
 * test; the target is under 2 s). Hits are keyed a third each by id, path+line and url, drawn
 * from a pool of 300,000 so most are found by several tasks; 1% have no score.
 *
 * <p>Run (the shaded jar holds the dependencies): {@code mvn -q -B -o package -DskipTests &&
 * java -cp target/fanout.jar:target/test-classes dev.fanout.merge.SearchMergeBenchmark}
 * (optional arguments: tasks, hits per task, runs).
 */
public final class SearchMergeBenchmark {
    private SearchMergeBenchmark() {
    }

    public static void main(String[] args) {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int perTask = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        List<TaskOutput> outputs = outputs(tasks, perTask, 300_000, new SplittableRandom(42));
        SearchHitsMerge search = new SearchHitsMerge();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] millis = new long[runs];
        long unique = 0;
        for (int i = 0; i < runs; i++) {
            // start each run from a collected heap, so one run's garbage is not billed to the next
            System.gc();
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            JsonNode merged = search.merge(outputs);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            unique = merged.get("unique_hits").asLong();
            System.out.printf("run %d: %d ms (merging thread's CPU: %d ms)%n", i + 1, millis[i],
                    (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000);
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf("search merge of %,d hits from %d tasks -> %,d unique: best %d ms, median %d ms (%d runs, first included)%n",
                (long) tasks * perTask, tasks, unique, sorted[0], sorted[runs / 2], runs);
    }

    static List<TaskOutput> outputs(int tasks, int perTask, int pool, SplittableRandom random) {
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
                    case 1 -> hit.put("path", "src/main/java/pkg" + (k % 97) + "/File" + k + ".java").put("line", k % 400);
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
