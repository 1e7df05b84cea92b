package dev.fanout.report;

import java.util.Set;
import java.util.TreeSet;

/**
 * The task table as plain HTML, readable without the script; the script adds sorting and
 * filters. Rows stay in the model's order, so the script finds row {@code i} at index {@code i}.
 */
final class TaskTable {
    private TaskTable() {}

    static void render(ReportModel m, StringBuilder b) {
        b.append("<section id=\"tasks\"><h2>Tasks</h2>\n<div class=\"tools js\" id=\"filters\">"
                + "<label>State <select id=\"f-status\"><option value=\"\">all</option>");
        Set<String> states = new TreeSet<>();
        Set<String> types = new TreeSet<>();
        for (ReportModel.Row r : m.rows()) {
            states.add(r.status().key());
            types.add(r.type());
        }
        states.forEach(s -> b.append("<option>").append(s).append("</option>"));
        b.append("</select></label> <label>Type <select id=\"f-type\"><option value=\"\">all</option>");
        types.forEach(t -> b.append("<option>").append(Html.text(t)).append("</option>"));
        b.append("</select></label> <label>Task <input id=\"f-text\" type=\"search\" placeholder=\"id contains\">"
                + "</label> <span id=\"f-count\" class=\"hint\"></span></div>\n");
        b.append("<table class=\"tasks\" id=\"task-table\"><thead><tr>"
                + "<th data-sort=\"id\">Task</th><th data-sort=\"type\">Type</th><th data-sort=\"status\">State</th>"
                + "<th data-sort=\"seconds\" class=\"n\">Time</th><th data-sort=\"estimate\" class=\"n\">Estimate</th>"
                + "<th data-sort=\"attempts\" class=\"n\">Attempts</th><th data-sort=\"exit\" class=\"n\">Exit</th>"
                + "<th>Why / last lines of stderr</th></tr></thead>\n<tbody>\n");
        for (ReportModel.Row r : m.rows()) {
            b.append("<tr class=\"s-").append(r.status().key()).append(r.critical() ? " crit" : "");
            b.append("\"><td class=\"id\">")
                    .append(Html.text(r.id()))
                    .append("</td><td>")
                    .append(Html.text(r.type()))
                    .append("</td><td><span class=\"st\">")
                    .append(r.status().key())
                    .append("</span>")
                    .append(r.reused() ? " (reused)" : "")
                    .append("</td><td class=\"n\">")
                    .append(r.attempts() == 0 ? "" : Html.seconds(r.seconds()))
                    .append("</td><td class=\"n\">")
                    .append(r.estimate() == null ? "" : Html.seconds(r.estimate()))
                    .append("</td><td class=\"n\">")
                    .append(r.attempts())
                    .append("</td><td class=\"n\">")
                    .append(r.exitCode() == null ? "" : r.exitCode())
                    .append("</td><td>");
            if (r.reason() != null) {
                b.append(Html.text(r.reason()));
            }
            if (!r.stderrTail().isEmpty()) {
                b.append("<pre class=\"tail\">")
                        .append(Html.text(r.stderrTail()))
                        .append("</pre>");
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody></table></section>\n");
    }
}
