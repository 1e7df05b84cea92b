package dev.fanout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.merge.Merged;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A merged answer in a few lines: the strategy, its headline figures, notes and any error. */
final class MergedView {
    private static final int NOTES_SHOWN = 5;

    private MergedView() {}

    static void print(Merged m, Style style, PrintWriter out, String indent) {
        if (m.failed()) {
            out.println(indent + style.red("merge failed") + " (" + m.strategy() + "): " + style.taskText(m.error())
                    + "; the individual results are kept");
        } else {
            out.println(indent + "merged (" + m.strategy() + "): " + style.taskText(headline(m)));
        }
        List<String> notes = m.notes();
        for (int i = 0; i < Math.min(NOTES_SHOWN, notes.size()); i++) {
            out.println(indent + "  " + style.dim("note: " + style.taskText(notes.get(i))));
        }
        if (notes.size() > NOTES_SHOWN) {
            out.println(indent + "  " + style.dim("… and " + (notes.size() - NOTES_SHOWN) + " more notes"));
        }
        out.flush();
    }

    /** The figures a person looks for first; merged by type: each type's, by the strategy it got. */
    static String headline(Merged m) {
        if (m.typeStrategies().isEmpty()) {
            return headline(m.strategy(), m.json());
        }
        List<String> parts = new ArrayList<>();
        m.typeStrategies()
                .forEach((type, strategy) -> parts.add(type + " (" + strategy + "): "
                        + headline(strategy, m.json().path(type))));
        return String.join("; ", parts);
    }

    /** The figures a person looks for first, by strategy. */
    static String headline(String strategy, JsonNode j) {
        if (j == null || j.isMissingNode()) {
            return "nothing";
        }
        switch (strategy) {
            case "testing":
                return j.path("tests").asInt() + " tests, " + j.path("passed").asInt() + " passed, "
                        + j.path("failed").asInt() + " failed, "
                        + j.path("errors").asInt() + " errors, "
                        + j.path("skipped").asInt() + " skipped" + coverage(j.path("coverage"))
                        + (j.path("failures").size() > 0 ? "; failing: " + failing(j.path("failures")) : "");
            case "service_creation":
                return (j.path("all_created").asBoolean() ? "all created" : "not all created") + ", "
                        + Plural.of(j.path("services").size(), "service") + ", "
                        + Plural.of(j.path("files").size(), "file");
            case "search":
                return j.path("unique_hits").asInt() + " unique hits of "
                        + j.path("total_hits").asInt();
            case "build":
                return (j.path("succeeded").asBoolean() ? "succeeded" : "failed") + ", "
                        + Plural.of(j.path("artifacts").size(), "artifact");
            case "deployment":
                return (j.path("all_deployed").asBoolean() ? "all deployed" : "not all deployed") + ", "
                        + j.path("endpoints").size() + " services with endpoints";
            case "file_read":
                return j.path("sources").size() + " sources, "
                        + j.path("content").asText().length() + " characters";
            case "generic":
                return Plural.of(j.path("tasks").size(), "task") + ", " + count(j.path("succeeded")) + " succeeded";
            default:
                String text = j.toString();
                return text.length() <= 160 ? text : text.substring(0, 159) + "… ('merge --json' shows it all)";
        }
    }

    private static int count(JsonNode n) {
        return n.isNumber() ? n.asInt() : n.size();
    }

    private static String coverage(JsonNode c) {
        return c.path("percent").isNumber() ? ", coverage " + c.path("percent").asDouble() + "%" : "";
    }

    private static String failing(JsonNode failures) {
        List<String> names = new ArrayList<>();
        for (JsonNode f : failures) {
            if (names.size() == 3) {
                names.add("…");
                break;
            }
            names.add(f.path("task").asText() + " " + f.path("test").asText());
        }
        return String.join(", ", names);
    }
}
