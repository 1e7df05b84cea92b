package dev.fanout.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code search} strategy: hits from every task, deduplicated, keeping the best score and
 * every task that found each hit, ranked by score.
 *
 * <p>Reads: {@code {"hits": [HIT, ...]}} (also {@code results} or {@code matches}, or a bare
 * array), where a HIT is an object with any fields; these are used: {@code id}, {@code path}
 * with {@code line}, {@code url}, and {@code score} (a number, higher is better). Two hits are
 * the same when their {@code id} is equal; without an id, when {@code path} and {@code line}
 * are; without a path, when {@code url} is. A hit with none of these is kept on its own. Hits
 * from tasks that did not succeed are left out (the tasks are listed).
 *
 * <p>Returns: {@code {"hits": [HIT with "sources": [task ids]], "total_hits": N found,
 * "unique_hits": N, "unscored_hits": N, "failed_tasks", "notes"}}. Each merged hit carries the
 * fields of its best-scoring copy (the first copy when scores tie). Hits are ranked by score,
 * highest first, ties in the order found; a hit with no numeric score in any copy has no
 * {@code score}, is ranked after every scored hit, in the order found, and a note says how many.
 */
public final class SearchHitsMerge implements MergeStrategy {
    public static final String NAME = "search";

    /** Scored hits first, by score descending; then in the order they were first found. */
    private static final Comparator<Hit> RANK = (a, b) -> {
        if (a.scored != b.scored) {
            return a.scored ? -1 : 1;
        }
        if (a.scored) {
            int c = Double.compare(b.score, a.score);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.seq, b.seq);
    };

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "hits deduplicated by id, path+line or url; best score kept, every source listed; ranked by score";
    }

    @Override
    public JsonNode merge(List<TaskOutput> outputs) {
        MergeNotes notes = MergeNotes.of(outputs);
        int expected = 0;
        for (TaskOutput o : outputs) {
            JsonNode hits = o.succeeded() ? hits(o.result()) : null;
            expected += hits == null ? 0 : hits.size();
        }
        Map<Object, Hit> known = new HashMap<>(Math.max(16, (int) (expected / 0.75f) + 1));
        List<Hit> found = new ArrayList<>(expected);
        long total = 0;
        int notObjects = 0;
        int keyless = 0;
        for (int t = 0; t < outputs.size(); t++) {
            TaskOutput o = outputs.get(t);
            if (!o.succeeded()) {
                continue;
            }
            JsonNode hits = hits(o.result());
            if (hits == null) {
                notes.add("task " + o.taskId() + " returned no hits");
                continue;
            }
            for (JsonNode h : hits) {
                if (!h.isObject()) {
                    notObjects++;
                    continue;
                }
                total++;
                JsonNode s = h.get("score");
                boolean scored = s != null && s.isNumber();
                double score = scored ? s.asDouble() : 0;
                Object identity = identity(h);
                Hit hit = identity == null ? null : known.get(identity);
                if (hit == null) {
                    hit = new Hit((ObjectNode) h, scored, score, found.size(), t);
                    found.add(hit);
                    if (identity == null) {
                        keyless++;
                    } else {
                        known.put(identity, hit);
                    }
                } else {
                    hit.foundBy(t);
                    if (scored && (!hit.scored || score > hit.score)) {
                        hit.best = (ObjectNode) h;
                        hit.scored = true;
                        hit.score = score;
                    }
                }
            }
        }
        Hit[] ranked = rank(found);
        ArrayNode hitsOut = toJson(ranked, outputs);
        int unscored = 0;
        for (Hit hit : ranked) {
            unscored += hit.scored ? 0 : 1;
        }
        if (unscored > 0) {
            notes.add(unscored
                    + " hit(s) have no numeric score; they are ranked last, in the order found, without a score");
        }
        if (keyless > 0) {
            notes.add(keyless + " hit(s) have no id, path or url, so they could not be deduplicated; each is kept");
        }
        if (notObjects > 0) {
            notes.add(notObjects + " hit(s) are not JSON objects and were left out");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("hits", hitsOut);
        out.put("total_hits", total).put("unique_hits", ranked.length).put("unscored_hits", unscored);
        return notes.writeTo(out);
    }

    /** The merged hits: each a shallow copy of its best copy, with the ids of the tasks that found it. */
    private static ArrayNode toJson(Hit[] ranked, List<TaskOutput> outputs) {
        TextNode[] taskIds = new TextNode[outputs.size()];
        for (int t = 0; t < taskIds.length; t++) {
            taskIds[t] = TextNode.valueOf(outputs.get(t).taskId());
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ArrayNode out = new ArrayNode(nodes, ranked.length);
        for (Hit hit : ranked) {
            // copied, sized once: the task's own hit objects stay as they were
            Map<String, JsonNode> fields = new LinkedHashMap<>((int) ((hit.best.size() + 1) / 0.75f) + 1);
            hit.best.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
            ArrayNode sources = new ArrayNode(nodes, hit.count);
            for (int i = 0; i < hit.count; i++) {
                sources.add(taskIds[hit.tasks[i]]);
            }
            fields.put("sources", sources);
            out.add(new ObjectNode(nodes, fields));
        }
        return out;
    }

    /**
     * The hits in {@link #RANK} order. Sorting objects through a comparator is slow for a million
     * hits, so they are first sorted as primitive longs (the score narrowed to a float, then the
     * order found); the rare runs whose floats tie are then put in exact order with the comparator.
     */
    private static Hit[] rank(List<Hit> found) {
        int n = found.size();
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) floatRank(found.get(i)) << 32) | i;
        }
        Arrays.sort(keys);
        Hit[] ranked = new Hit[n];
        for (int i = 0; i < n; i++) {
            ranked[i] = found.get((int) keys[i]);
        }
        for (int start = 0; start < n; ) {
            int end = start + 1;
            int rank = (int) (keys[start] >> 32);
            while (end < n && (int) (keys[end] >> 32) == rank) {
                end++;
            }
            if (end - start > 1 && ranked[start].scored) {
                Arrays.sort(ranked, start, end, RANK);
            }
            start = end;
        }
        return ranked;
    }

    /** An int that orders hits as {@link #RANK} does, up to float precision: higher scores lower, unscored last. */
    private static int floatRank(Hit hit) {
        if (!hit.scored) {
            return Integer.MAX_VALUE;
        }
        int bits = Float.floatToIntBits((float) hit.score);
        int ascending = bits ^ ((bits >> 31) & 0x7fffffff);
        // ~ reverses the order; only a NaN (which JSON cannot hold) would reach MAX_VALUE
        return ~ascending;
    }

    /** The array of hits in a result, or null when it holds none. */
    private static JsonNode hits(JsonNode result) {
        if (result == null || result.isArray()) {
            return result;
        }
        for (String name : new String[] {"hits", "results", "matches"}) {
            JsonNode v = result.get(name);
            if (v != null && v.isArray()) {
                return v;
            }
        }
        return null;
    }

    /**
     * The identity of a hit: its id (the hit's own string, so most hits cost no key allocation),
     * else its path and line, else its url; null when it has none. The three are different types,
     * so an id never matches a url of the same text.
     */
    static Object identity(JsonNode h) {
        JsonNode id = h.get("id");
        if (id != null && !id.isNull()) {
            return id.isTextual() ? id.textValue() : id.isValueNode() ? id.asText() : id.toString();
        }
        JsonNode path = h.get("path");
        if (path != null && path.isValueNode() && !path.isNull()) {
            return PathLine.of(path.asText(), h.get("line"));
        }
        JsonNode url = h.get("url");
        if (url != null && url.isValueNode() && !url.isNull()) {
            return new Url(url.asText());
        }
        return null;
    }

    private record Url(String url) {}

    /** A file position: the line as a number when it is one (so 3 and "3" match), else as text. */
    private record PathLine(String path, long line, String lineText) {
        private static final long NONE = Long.MIN_VALUE;

        static PathLine of(String path, JsonNode line) {
            if (line == null || line.isNull()) {
                return new PathLine(path, NONE, null);
            }
            if (line.canConvertToExactIntegral()) {
                return new PathLine(path, line.asLong(), null);
            }
            String text = line.asText().trim();
            try {
                return new PathLine(path, Long.parseLong(text), null);
            } catch (NumberFormatException e) {
                return new PathLine(path, NONE, text);
            }
        }
    }

    /** One distinct hit while merging: its best copy so far and the tasks (by index) that found it. */
    private static final class Hit {
        ObjectNode best;
        boolean scored;
        double score;
        final int seq;
        int[] tasks;
        int count;

        Hit(ObjectNode best, boolean scored, double score, int seq, int task) {
            this.best = best;
            this.scored = scored;
            this.score = score;
            this.seq = seq;
            this.tasks = new int[] {task};
            this.count = 1;
        }

        void foundBy(int task) {
            // tasks are visited in order, so a repeat from the same task is always the last one
            if (tasks[count - 1] == task) {
                return;
            }
            if (count == tasks.length) {
                tasks = Arrays.copyOf(tasks, count * 2);
            }
            tasks[count++] = task;
        }
    }
}
