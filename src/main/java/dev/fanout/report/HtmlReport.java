package dev.fanout.report;

import dev.fanout.AtomicFile;
import dev.fanout.Numbers;
import dev.fanout.exec.RunRecord;
import dev.fanout.exec.TaskStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * A run's report as one HTML file that needs nothing else: style and script inline, allowed by
 * their hashes in a Content-Security-Policy that forbids loading anything. The header, the
 * table and the merged result are plain HTML; the script draws the timeline and the graph and
 * makes the table sortable and filterable.
 */
public final class HtmlReport {
    private static final String CSS = resource("report.css");
    private static final String JS = resource("report.js");
    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(java.time.ZoneOffset.UTC);

    private HtmlReport() {}

    /**
     * Writes the report of {@code run} to {@code file}, atomically.
     *
     * @return the file written
     * @throws IOException when it cannot be written
     */
    public static Path write(RunRecord run, Path file) throws IOException {
        String html = render(ReportModel.of(run));
        AtomicFile.write(file, html.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** The report's default place: {@code report.html} in the run's folder. */
    public static Path defaultFile(RunRecord run) {
        return run.dir().resolve("report.html");
    }

    static String render(ReportModel m) {
        RunRecord run = m.run();
        StringBuilder b = new StringBuilder(400 * m.rows().size() + 64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        b.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src ")
                .append(Html.hashSource(CSS))
                .append("; script-src ")
                .append(Html.hashSource(JS))
                .append("; img-src data:; base-uri 'none'; form-action 'none'\">\n");
        b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        b.append("<meta name=\"color-scheme\" content=\"light dark\">\n");
        b.append("<title>fanout run ").append(Html.text(run.runId())).append("</title>\n");
        b.append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        header(m, b);
        b.append("<nav><a href=\"#timeline\">Timeline</a><a href=\"#graph\">Graph</a>"
                + "<a href=\"#tasks\">Tasks</a><a href=\"#merged\">Merged result</a></nav>\n");
        timeline(m, b);
        graph(m, b);
        TaskTable.render(m, b);
        merged(m, b);
        b.append("<script type=\"application/json\" id=\"data\">")
                .append(Html.scriptJson(PageData.json(m)))
                .append("</script>\n");
        b.append("<script>").append(JS).append("</script>\n</body></html>\n");
        return b.toString();
    }

    private static void header(ReportModel m, StringBuilder b) {
        RunRecord run = m.run();
        b.append("<header><h1>fanout run <code>")
                .append(Html.text(run.runId()))
                .append("</code> <span class=\"badge r-")
                .append(run.state().key())
                .append("\">")
                .append(run.state().key())
                .append("</span></h1>\n<p class=\"source\">")
                .append(Html.text(run.source()))
                .append("</p>\n<div class=\"counts\">");
        Map<TaskStatus, Integer> counts = run.counts();
        counts.forEach((s, c) -> b.append("<span class=\"chip s-")
                .append(s.key())
                .append("\">")
                .append(c)
                .append(' ')
                .append(s.key().replace('_', ' '))
                .append("</span>"));
        b.append("<span class=\"chip\">").append(m.rows().size()).append(" tasks</span></div>\n<dl class=\"facts\">");
        fact(b, "started", WHEN.format(run.startedAt()));
        fact(b, "ended", run.endedAt() == null ? "still running" : WHEN.format(run.endedAt()));
        fact(b, "wall", Html.seconds(run.wallSeconds()));
        fact(b, "task time", Html.seconds(run.taskSeconds()));
        fact(
                b,
                "speedup",
                Numbers.text(run.measuredSpeedup()) + "× measured, " + Numbers.text(run.estimatedSpeedup())
                        + "× estimated");
        fact(b, "slots", run.parallel() ? run.jobs() + " (parallel)" : "1 (sequential)");
        fact(b, "slots used", Integer.toString(m.lanes()));
        fact(b, "attempts", Integer.toString(m.bars().size()));
        if (run.resumedFrom() != null) {
            fact(b, "resumes", run.resumedFrom());
        }
        b.append("</dl>\n<p class=\"decision\"><strong>")
                .append(run.parallel() ? "Parallel" : "Sequential")
                .append(":</strong> ")
                .append(Html.text(run.decision()))
                .append("</p></header>\n");
    }

    private static void fact(StringBuilder b, String name, String value) {
        b.append("<div><dt>")
                .append(name)
                .append("</dt><dd>")
                .append(Html.text(value))
                .append("</dd></div>");
    }

    private static void timeline(ReportModel m, StringBuilder b) {
        b.append("<section id=\"timeline\"><h2>Timeline</h2>\n")
                .append("<p class=\"legend\"><span class=\"key s-succeeded\"></span>succeeded"
                        + "<span class=\"key s-failed\"></span>failed"
                        + "<span class=\"key s-timed_out\"></span>timed out"
                        + "<span class=\"key s-cancelled\"></span>cancelled"
                        + "<span class=\"key crit\"></span>critical path"
                        + "<span class=\"key est\"></span>estimate"
                        + "<span class=\"key backoff\"></span>retry backoff</p>\n")
                .append("<div class=\"tools js\"><button type=\"button\" data-zoom=\"in\">Zoom in</button>"
                        + "<button type=\"button\" data-zoom=\"out\">Zoom out</button>"
                        + "<button type=\"button\" data-zoom=\"reset\">Whole run</button>"
                        + "<span class=\"hint\">wheel to zoom, drag to pan, click a bar for details</span></div>\n")
                .append(
                        "<div class=\"canvas\" id=\"timeline-box\"><canvas id=\"timeline-canvas\" height=\"0\"></canvas>"
                                + "<div class=\"tip\" id=\"tip\" hidden></div></div>\n")
                .append("<div id=\"details\" class=\"details\" hidden></div>\n")
                .append("<noscript><p>The timeline is drawn by the page's script; the table below"
                        + " has every task's times.</p></noscript>\n")
                .append("<p class=\"note\">Rows are slots: each attempt sits in the lowest slot free when it"
                        + " started. The critical path is the chain of dependencies that ended last (")
                .append(m.criticalPath().size())
                .append(" tasks).</p></section>\n");
    }

    private static void graph(ReportModel m, StringBuilder b) {
        b.append("<section id=\"graph\"><h2>Graph</h2>\n<p class=\"note\">")
                .append(m.rows().size())
                .append(" tasks in ")
                .append(m.waves().size())
                .append(m.waves().size() == 1 ? " wave" : " waves")
                .append(", ")
                .append(m.edges().size())
                .append(m.edges().size() == 1 ? " dependency" : " dependencies")
                .append("; a column a wave, edges from a task to those that depend on it.</p>\n")
                .append("<div class=\"tools js\"><button type=\"button\" data-gzoom=\"reset\">Fit</button>"
                        + "<span class=\"hint\">wheel to zoom, drag to pan, click a task for details</span></div>\n")
                .append(
                        "<div class=\"canvas\" id=\"graph-box\"><canvas id=\"graph-canvas\" height=\"0\"></canvas></div>\n"
                                + "<div id=\"gdetails\" class=\"details\" hidden></div>\n")
                .append("<noscript><p>The graph is drawn by the page's script.</p></noscript></section>\n");
    }

    private static void merged(ReportModel m, StringBuilder b) {
        b.append("<section id=\"merged\"><h2>Merged result</h2>\n");
        if (m.merged() == null) {
            b.append("<p class=\"note\">This run has no merged.json.</p></section>\n");
            return;
        }
        var j = m.merged();
        b.append("<p>Strategy <strong>")
                .append(Html.text(j.path("strategy").asText("?")))
                .append("</strong>");
        if (j.has("strategies")) {
            b.append(" (by type: ");
            var first = new boolean[] {true};
            j.get("strategies").properties().forEach(e -> {
                b.append(first[0] ? "" : ", ")
                        .append(Html.text(e.getKey()))
                        .append(" → ")
                        .append(Html.text(e.getValue().asText()));
                first[0] = false;
            });
            b.append(")");
        }
        b.append("</p>\n");
        if (j.has("error")) {
            b.append("<p class=\"error\">The strategy failed: ")
                    .append(Html.text(j.get("error").asText()))
                    .append(" — the individual results follow.</p>\n");
        }
        if (j.path("notes").size() > 0) {
            b.append("<ul class=\"notes\">");
            j.get("notes")
                    .forEach(n -> b.append("<li>").append(Html.text(n.asText())).append("</li>"));
            b.append("</ul>\n");
        }
        b.append("<div class=\"result\">");
        JsonHtml.render(j.get("result"), b);
        b.append("</div></section>\n");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
