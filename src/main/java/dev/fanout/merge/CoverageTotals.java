package dev.fanout.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage combined over several tasks. From covered/total counts it is exact (sum of covered
 * over sum of totals); only when some task gave a percentage without counts is it an average of
 * percentages, which weighs a small module like a large one, so a note says so.
 */
final class CoverageTotals {
    private long covered;
    private long total;
    private int tasks;
    private final List<Double> percents = new ArrayList<>();
    private final List<String> withoutCounts = new ArrayList<>();

    /**
     * Adds one task's coverage: {@code {"covered": N, "total": M}}, {@code {"percent": P}}
     * (also "percentage", "pct"), or a bare number (a percentage). Anything else is noted and skipped.
     */
    void add(String taskId, JsonNode coverage, MergeNotes notes) {
        if (coverage == null || coverage.isNull()) {
            return;
        }
        Long c = Fields.count(coverage, "covered");
        Long t = Fields.count(coverage, "total");
        Double p = coverage.isNumber()
                ? Double.valueOf(coverage.asDouble())
                : Fields.number(coverage, "percent", "percentage", "pct");
        if (c != null && t != null) {
            if (c > t) {
                notes.add("task " + taskId + ": coverage says " + c + " covered of " + t + "; left out");
                return;
            }
            tasks++;
            covered += c;
            total += t;
            if (t > 0) {
                percents.add(100.0 * c / t);
            }
        } else if (p != null && p >= 0 && p <= 100) {
            tasks++;
            percents.add(p);
            withoutCounts.add(taskId);
        } else {
            notes.add("task " + taskId + ": coverage " + coverage
                    + " is neither {covered, total} counts nor a percentage from 0 to 100; left out");
        }
    }

    /** The combined coverage, or a JSON null when no task gave any. */
    JsonNode toJson(MergeNotes notes) {
        if (tasks == 0) {
            return JsonNodeFactory.instance.nullNode();
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (withoutCounts.isEmpty()) {
            out.put("method", "counts");
            if (total > 0) {
                out.put("percent", round(100.0 * covered / total));
            } else {
                out.putNull("percent");
                notes.add("coverage totals are all zero, so there is no coverage percentage");
            }
        } else {
            out.put("method", "average_of_percentages");
            if (percents.isEmpty()) {
                out.putNull("percent");
            } else {
                out.put(
                        "percent",
                        round(percents.stream()
                                .mapToDouble(Double::doubleValue)
                                .average()
                                .orElse(0)));
            }
            notes.add("coverage is an average of percentages because counts were missing for task(s) "
                    + String.join(", ", withoutCounts) + "; it weighs every task the same");
        }
        out.put("covered", covered).put("total", total).put("tasks", tasks);
        return out;
    }

    private static double round(double percent) {
        return Math.round(percent * 100) / 100.0;
    }
}
