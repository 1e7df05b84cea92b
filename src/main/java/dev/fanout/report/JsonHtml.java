package dev.fanout.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A merged result as HTML people can read: an object's plain values first as figures, then its
 * parts; a list of like objects as a table; other lists as lists. Bounded: at most
 * {@link #MAX_ITEMS} items a list and {@link #BUDGET} values in all, the rest pointed to in merged.json.
 */
final class JsonHtml {
    static final int MAX_ITEMS = 200;
    static final int BUDGET = 20_000;

    private final StringBuilder out;
    private int budget = BUDGET;

    private JsonHtml(StringBuilder out) {
        this.out = out;
    }

    static void render(JsonNode node, StringBuilder out) {
        new JsonHtml(out).value(node, 0);
    }

    private void value(JsonNode node, int depth) {
        if (budget-- <= 0) {
            out.append("<span class=\"more\">…</span>");
            return;
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("<span class=\"null\">none</span>");
        } else if (node.isObject()) {
            object(node, depth);
        } else if (node.isArray()) {
            array(node, depth);
        } else if (node.isNumber()) {
            out.append("<span class=\"num\">").append(Html.text(node.asText())).append("</span>");
        } else if (node.isBoolean()) {
            out.append("<span class=\"bool\">")
                    .append(node.asBoolean() ? "yes" : "no")
                    .append("</span>");
        } else {
            String s = node.asText();
            out.append(s.indexOf('\n') >= 0 ? "<pre>" : "<span>")
                    .append(Html.text(s))
                    .append(s.indexOf('\n') >= 0 ? "</pre>" : "</span>");
        }
    }

    private void object(JsonNode node, int depth) {
        if (node.isEmpty()) {
            out.append("<span class=\"null\">{}</span>");
            return;
        }
        List<Map.Entry<String, JsonNode>> plain = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> nested = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            (e.getValue().isContainerNode() && !e.getValue().isEmpty() ? nested : plain).add(e);
        }
        if (!plain.isEmpty()) {
            out.append(depth <= 1 ? "<div class=\"figures\">" : "<dl class=\"kv\">");
            for (Map.Entry<String, JsonNode> e : plain) {
                if (depth <= 1) {
                    out.append("<div class=\"figure\"><span class=\"label\">")
                            .append(Html.text(e.getKey()))
                            .append("</span>");
                    value(e.getValue(), depth + 1);
                    out.append("</div>");
                } else {
                    out.append("<dt>").append(Html.text(e.getKey())).append("</dt><dd>");
                    value(e.getValue(), depth + 1);
                    out.append("</dd>");
                }
            }
            out.append(depth <= 1 ? "</div>" : "</dl>");
        }
        for (Map.Entry<String, JsonNode> e : nested) {
            String tag = depth < 3 ? "h" + (depth + 3) : "h6";
            out.append("<div class=\"part\"><").append(tag).append(">").append(Html.text(e.getKey()));
            if (e.getValue().isArray()) {
                out.append(" <span class=\"count\">")
                        .append(e.getValue().size())
                        .append("</span>");
            }
            out.append("</").append(tag).append(">");
            if (e.getValue().isObject() && e.getValue().size() > 1 && columns(e.getValue()) != null) {
                keyedTable(e.getValue(), depth + 1);
            } else {
                value(e.getValue(), depth + 1);
            }
            out.append("</div>");
        }
    }

    private void array(JsonNode node, int depth) {
        if (node.isEmpty()) {
            out.append("<span class=\"null\">none</span>");
            return;
        }
        Set<String> columns = columns(node);
        int shown = Math.min(node.size(), MAX_ITEMS);
        if (columns != null) {
            out.append("<table class=\"data\"><thead><tr><th>#</th>");
            columns.forEach(c -> out.append("<th>").append(Html.text(c)).append("</th>"));
            out.append("</tr></thead><tbody>");
            for (int i = 0; i < shown && budget > 0; i++) {
                out.append("<tr><td class=\"n\">").append(i + 1).append("</td>");
                for (String c : columns) {
                    out.append("<td>");
                    JsonNode v = node.get(i).get(c);
                    if (v != null) {
                        value(v, depth + 1);
                    }
                    out.append("</td>");
                }
                out.append("</tr>");
            }
            out.append("</tbody></table>");
        } else {
            out.append("<ol class=\"items\">");
            for (int i = 0; i < shown && budget > 0; i++) {
                out.append("<li>");
                value(node.get(i), depth + 1);
                out.append("</li>");
            }
            out.append("</ol>");
        }
        if (node.size() > shown) {
            out.append("<p class=\"more\">… ").append(node.size() - shown).append(" more in merged.json</p>");
        }
    }

    /** An object whose values are like objects, as a table with a row a key (by_task, say). */
    private void keyedTable(JsonNode node, int depth) {
        Set<String> columns = columns(node);
        out.append("<table class=\"data\"><thead><tr><th></th>");
        columns.forEach(c -> out.append("<th>").append(Html.text(c)).append("</th>"));
        out.append("</tr></thead><tbody>");
        int shown = 0;
        for (Map.Entry<String, JsonNode> row : node.properties()) {
            if (shown++ == MAX_ITEMS || budget <= 0) {
                break;
            }
            out.append("<tr><th>").append(Html.text(row.getKey())).append("</th>");
            for (String c : columns) {
                out.append("<td>");
                JsonNode v = row.getValue().get(c);
                if (v != null) {
                    value(v, depth + 1);
                }
                out.append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table>");
        if (node.size() > MAX_ITEMS) {
            out.append("<p class=\"more\">… ").append(node.size() - MAX_ITEMS).append(" more in merged.json</p>");
        }
    }

    /** The keys of an array of objects, when it is one (at most 12 keys, else null). */
    private static Set<String> columns(JsonNode items) {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                return null;
            }
            item.fieldNames().forEachRemaining(keys::add);
            if (keys.size() > 12) {
                return null;
            }
        }
        return keys.isEmpty() ? null : keys;
    }
}
