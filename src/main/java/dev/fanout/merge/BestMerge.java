package dev.fanout.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Best of N: of the copies {@code repeat: N} made of a task, picks one — passing first (the copy
 * succeeded: exit 0), then the smallest change (insertions + deletions of its worktree branch),
 * then the fastest, then the lowest copy number. The other copies' branches stay for review.
 * Another rule is a JavaScript merge ({@code fanout.registerMerge}): scripts see each output's
 * {@code repeat_of}, {@code seconds} and {@code changes}.
 *
 * <p>Returns {@code {"picked": {ID: copy id}, "tasks": {ID: {"picked", "branch"?, "why",
 * "candidates": [{"task", "status", "passing", "insertions", "deletions", "seconds", "branch"?}]}}}};
 * a task none of whose copies passed is still given its best try, and a note says so.
 */
public final class BestMerge implements MergeStrategy {
    public static final String NAME = "best";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "of each task's repeat copies, pick one: passing, then smallest diff, then fastest";
    }

    /** Whether any output is a copy made by {@code repeat} (what makes "auto" choose this strategy). */
    public static boolean applies(List<TaskOutput> outputs) {
        return outputs.stream().anyMatch(o -> o.repeatOf() != null);
    }

    /** The order of preference: the first is picked. */
    static final Comparator<TaskOutput> RULE = Comparator.comparing((TaskOutput o) -> !o.succeeded())
            .thenComparingLong(BestMerge::diffSize)
            .thenComparingDouble(o -> o.seconds() < 0 ? Double.MAX_VALUE : o.seconds());

    private static long diffSize(TaskOutput o) {
        return o.hasResult()
                ? o.result().path("insertions").asLong(0)
                        + o.result().path("deletions").asLong(0)
                : 0;
    }

    @Override
    public JsonNode merge(List<TaskOutput> outputs) {
        Map<String, List<TaskOutput>> groups = new LinkedHashMap<>();
        for (TaskOutput o : outputs) {
            if (o.repeatOf() != null) {
                groups.computeIfAbsent(o.repeatOf(), k -> new ArrayList<>()).add(o);
            }
        }
        if (groups.isEmpty()) {
            throw new MergeException("no task has repeat copies (repeat: N), so there is nothing to pick from");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode picked = out.putObject("picked");
        ObjectNode tasks = out.putObject("tasks");
        ArrayNode notes = JsonNodeFactory.instance.arrayNode();
        groups.forEach((id, copies) -> {
            TaskOutput best = copies.stream().min(RULE).orElseThrow(); // stable: ties keep copy order
            picked.put(id, best.taskId());
            ObjectNode t = tasks.putObject(id);
            t.put("picked", best.taskId());
            if (best.hasResult() && best.result().path("branch").isTextual()) {
                t.put("branch", best.result().path("branch").asText());
            }
            t.put("why", why(best, copies));
            ArrayNode candidates = t.putArray("candidates");
            for (TaskOutput c : copies) {
                ObjectNode j = candidates.addObject();
                j.put("task", c.taskId());
                j.put("status", c.status());
                j.put("passing", c.succeeded());
                j.put(
                        "insertions",
                        c.hasResult() ? c.result().path("insertions").asLong(0) : 0);
                j.put("deletions", c.hasResult() ? c.result().path("deletions").asLong(0) : 0);
                if (c.seconds() >= 0) {
                    j.put("seconds", Math.round(c.seconds() * 1000) / 1000.0);
                }
                if (c.hasResult() && c.result().path("branch").isTextual()) {
                    j.put("branch", c.result().path("branch").asText());
                }
            }
            if (!best.succeeded()) {
                notes.add(id + ": none of its " + copies.size() + " copies passed; " + best.taskId()
                        + " is the best of them");
            }
        });
        if (!notes.isEmpty()) {
            out.set("notes", notes);
        }
        return out;
    }

    /** Why the pick beat the others, by the first rule that told them apart. */
    private static String why(TaskOutput best, List<TaskOutput> copies) {
        long passing = copies.stream().filter(TaskOutput::succeeded).count();
        if (copies.size() == 1) {
            return "the only copy";
        }
        if (best.succeeded() && passing == 1) {
            return "the only passing copy";
        }
        List<TaskOutput> peers = copies.stream()
                .filter(c -> c != best && c.succeeded() == best.succeeded())
                .toList();
        if (peers.stream().allMatch(c -> diffSize(c) > diffSize(best))) {
            long size = diffSize(best);
            return (best.succeeded() ? "passing, " : "") + "the smallest diff (" + size
                    + (size == 1 ? " line)" : " lines)");
        }
        if (peers.stream().filter(c -> diffSize(c) == diffSize(best)).allMatch(c -> c.seconds() > best.seconds())) {
            return (best.succeeded() ? "passing, " : "") + "as small a diff as any, and the fastest";
        }
        return "the first of equals";
    }
}
