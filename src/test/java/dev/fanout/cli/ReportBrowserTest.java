package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.ProcessTest;
import dev.fanout.report.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a real run (examples/report/pipeline.json: a retried task, a failure whose stderr
 * holds markup, a skipped dependent) as Chromium shows it.
 */
@Tag("browser")
@ProcessTest
class ReportBrowserTest {
    @TempDir
    static Path tmp;

    static Chromium chromium;
    static Path report;
    static JsonNode record;
    static Chromium.Load load;

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a run, then a browser, on a loaded machine
    static void runTheExampleAndLoadItsReport() throws Exception {
        chromium = Chromium.require();
        Path home = tmp.resolve("home");
        Cli.Result run = Cli.run(home, "run", "examples/report/pipeline.json", "--parallel", "--quiet", "--report");
        assertEquals(1, run.exit(), run.toString());
        String line = run.out()
                .lines()
                .filter(l -> l.startsWith("report: "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(run.toString()));
        report = Path.of(line.substring("report: ".length()));
        record = new ObjectMapper().readTree(report.resolveSibling("run.json").toFile());
        load = chromium.dumpDom(report, tmp);
    }

    @Test
    void timelineDrawsABarForEveryAttempt() {
        int attempts = 0;
        for (JsonNode r : record.get("results")) {
            attempts += r.get("attempts").size();
        }
        assertTrue(attempts >= 10, "the retried task has two attempts");
        assertEquals(Integer.toString(attempts), attr(load.dom(), "timeline-canvas", "data-bars"));
        assertEquals(Integer.toString(attempts), attr(load.dom(), "html", "data-attempts"));
        assertEquals("10", attr(load.dom(), "graph-canvas", "data-nodes"));
    }

    @Test
    void criticalPathBarsAndRowsAreMarked() {
        List<String> path = criticalPath(record);
        int bars = 0;
        for (String id : path) {
            bars += record.get("results").get(id).get("attempts").size();
        }
        assertEquals(Integer.toString(bars), attr(load.dom(), "timeline-canvas", "data-critical-bars"), path::toString);
        Matcher rows = Pattern.compile("<tr class=\"s-[a-z_]+ crit\"><td class=\"id\">([^<]*)<")
                .matcher(load.dom());
        List<String> marked = new ArrayList<>();
        while (rows.find()) {
            marked.add(rows.group(1));
        }
        assertEquals(path.stream().sorted().toList(), marked.stream().sorted().toList());
    }

    @Test
    void failedTaskRowShowsItsStderrTailAsText() {
        Matcher row = Pattern.compile(
                        "<tr class=\"s-failed[^\"]*\"><td class=\"id\">test-web</td>.*?</tr>", Pattern.DOTALL)
                .matcher(load.dom());
        assertTrue(row.find(), "a row for the failed test-web");
        assertTrue(
                row.group()
                        .contains(
                                "FAIL web/render.test: expected &lt;/script&gt;&lt;b&gt;escaped&lt;/b&gt; &amp; kept"),
                row.group());
        assertTrue(row.group().contains("1 of 12 tests failed"), row.group());
        assertFalse(load.dom().contains("<b>escaped</b>"), "stderr became markup");
    }

    @Test
    void pageLoadsNothingAndLogsNothing() {
        assertEquals(List.of(), load.console(), "console messages");
        assertEquals(List.of(), load.requests(), "URLs requested");
    }

    @Test
    void theChecksSeeAConsoleErrorAndARequestWhenThereAreSome() throws Exception {
        Path page = tmp.resolve("control.html");
        Files.writeString(
                page, "<!DOCTYPE html><img src=\"http://127.0.0.1:9/x.png\"><script>console.error('boom')</script>");
        Chromium.Load control = chromium.dumpDom(page, tmp);
        assertTrue(control.console().stream().anyMatch(m -> m.contains("boom")), control.console()::toString);
        assertTrue(control.requests().stream().anyMatch(u -> u.startsWith("http://127.0.0.1:9/")), "requests seen");
    }

    @Test
    void tableSortsAndFiltersInTheBrowser() throws Exception {
        // a copy of the report with a script that clicks and filters, allowed by its hash
        String harness = "const q=(s)=>document.querySelector(s);"
                + "const ids=()=>[...document.querySelectorAll('#task-table tbody tr')]"
                + ".filter(r=>!r.hidden).map(r=>r.cells[0].textContent);"
                + "q('th[data-sort=id]').click();const asc=ids();q('th[data-sort=id]').click();const desc=ids();"
                + "q('#f-status').value='failed';q('#f-status').dispatchEvent(new Event('change'));"
                + "document.body.dataset.harness=JSON.stringify({asc,desc,failed:ids(),count:q('#f-count').textContent});";
        String html = Files.readString(report)
                .replace("script-src ", "script-src " + hash(harness) + " ")
                .replace("</body>", "<script>" + harness + "</script></body>");
        Path copy = tmp.resolve("harness.html");
        Files.writeString(copy, html);
        Chromium.Load l = chromium.dumpDom(copy, tmp);
        assertEquals(List.of(), l.console());
        JsonNode h = new ObjectMapper()
                .readTree(attr(l.dom(), "body", "data-harness").replace("&quot;", "\""));
        List<String> ids = new ArrayList<>();
        record.get("results").fieldNames().forEachRemaining(ids::add);
        List<String> sorted = ids.stream().sorted().toList();
        assertEquals(sorted, strings(h.get("asc")));
        List<String> reversed = new ArrayList<>(sorted);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, strings(h.get("desc")));
        assertEquals(List.of("test-web"), strings(h.get("failed")));
        assertEquals("1 of 10 tasks", h.get("count").asText());
    }

    @Test
    void screenshotForAPersonToLookAt() throws Exception {
        Path png = Path.of("target", "report-screenshot.png");
        Files.deleteIfExists(png);
        Chromium.Load shot = chromium.screenshot(report, png, 1300, 1500, tmp);
        assertEquals(List.of(), shot.console());
        assertTrue(Files.size(png) > 20_000, "a page with something on it");
    }

    /** The chain that ended last, each task the dependency of the next that ended last: worked out here from run.json. */
    static List<String> criticalPath(JsonNode record) {
        Map<String, Instant> end = new HashMap<>();
        record.get("results").properties().forEach(e -> {
            for (JsonNode a : e.getValue().get("attempts")) {
                end.merge(e.getKey(), Instant.parse(a.get("ended_at").asText()), (x, y) -> x.isAfter(y) ? x : y);
            }
        });
        Map<String, List<String>> deps = new HashMap<>();
        for (JsonNode t : record.get("tasks")) {
            List<String> d = new ArrayList<>();
            t.path("depends_on").forEach(x -> d.add(x.asText()));
            deps.put(t.get("id").asText(), d);
        }
        String v = end.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
        List<String> path = new ArrayList<>();
        while (v != null) {
            path.add(0, v);
            v = deps.get(v).stream()
                    .filter(end::containsKey)
                    .max((a, b) -> end.get(a).compareTo(end.get(b)))
                    .orElse(null);
        }
        return path;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String hash(String script) throws Exception {
        byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                .digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "'sha256-" + java.util.Base64.getEncoder().encodeToString(d) + "'";
    }

    /** An attribute of the element with that id (or of that tag) in a serialised DOM. */
    static String attr(String dom, String idOrTag, String name) {
        Matcher m = Pattern.compile("<(?:" + idOrTag + "\\b[^>]*|[a-z]+ [^>]*id=\"" + idOrTag + "\"[^>]*)>")
                .matcher(dom);
        assertTrue(m.find(), "no element " + idOrTag);
        Matcher a = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(m.group());
        assertTrue(a.find(), "no " + name + " on " + m.group());
        return a.group(1);
    }
}
