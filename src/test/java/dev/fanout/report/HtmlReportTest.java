package dev.fanout.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.exec.Attempt;
import dev.fanout.exec.RunRecord;
import dev.fanout.exec.RunState;
import dev.fanout.exec.TaskResult;
import dev.fanout.exec.TaskStatus;
import dev.fanout.task.Task;
import dev.fanout.task.TaskSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    static final String EVIL = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";

    @TempDir
    Path dir;

    private RunRecord evilRun() throws Exception {
        List<Task> tasks = List.of(
                Task.ofCommand("a", "echo '" + EVIL + "'", List.of()),
                Task.ofCommand("b", "false", List.of("a")),
                Task.ofCommand("c", "true", List.of("b")));
        Map<String, TaskResult> results = new LinkedHashMap<>();
        results.put("a", ok("a", 0, 1));
        results.put(
                "b",
                new TaskResult(
                        "b",
                        TaskStatus.FAILED,
                        List.of(attempt(1, 1, 2, TaskStatus.FAILED, EVIL)),
                        "exit code 1 " + EVIL,
                        null,
                        null,
                        false));
        results.put("c", new TaskResult("c", TaskStatus.SKIPPED, List.of(), "dependency b failed", null, null, false));
        Path stderr = dir.resolve("tasks/b/stderr.log");
        Files.createDirectories(stderr.getParent());
        Files.writeString(stderr, "line one\n" + EVIL + "\n");
        Files.writeString(
                dir.resolve("merged.json"),
                "{\"strategy\":\"generic\",\"ok\":true,\"notes\":[\"" + EVIL.replace("\"", "\\\"")
                        + "\"],\"result\":{\"a\":\"" + EVIL.replace("\"", "\\\"") + "\"}}");
        return new RunRecord(
                "20260102-030405-abcd",
                RunState.PARTIAL,
                1,
                "evil " + EVIL + ".json",
                SampleRuns.T0,
                SampleRuns.at(3),
                null,
                true,
                2,
                "decision " + EVIL,
                1.5,
                TaskSet.of("evil.json", tasks),
                results,
                dir);
    }

    @Test
    void textFromTasksNeverBecomesMarkup() throws Exception {
        String html = HtmlReport.render(ReportModel.of(evilRun()));
        assertFalse(html.contains("<script>alert"), "a task's text opened a script");
        assertFalse(html.contains("<img src=x"), "a task's text made an element");
        assertEquals(2, count(html, "<script"), "only the data block and the page's own script");
        assertEquals(2, count(html, "</script>"), "no </script> from a task ends the data block early");
        assertTrue(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)"), "the text is still shown, escaped");
        assertTrue(html.contains("\\u003c/script\\u003e"), "and kept in the data, escaped for a script block");
    }

    @Test
    void policyAllowsExactlyTheInlineStyleAndScriptAndNoLoading() throws Exception {
        String html = HtmlReport.render(ReportModel.of(evilRun()));
        Matcher csp = Pattern.compile("Content-Security-Policy\" content=\"([^\"]*)\"")
                .matcher(html);
        assertTrue(csp.find());
        String policy = csp.group(1);
        assertTrue(policy.startsWith("default-src 'none';"), policy);
        String script = between(html, "<script>", "</script>");
        String style = between(html, "<style>", "</style>");
        assertTrue(policy.contains("script-src " + Html.hashSource(script) + ";"), policy);
        assertTrue(policy.contains("style-src " + Html.hashSource(style) + ";"), policy);
        assertFalse(policy.contains("unsafe"), policy);
        assertFalse(Pattern.compile("(src|href)=\"(https?:|//)").matcher(html).find(), "nothing points outside");
    }

    @Test
    void failedTaskRowShowsTheLastLinesOfItsStderr() throws Exception {
        String html = HtmlReport.render(ReportModel.of(evilRun()));
        String row = between(html, "<tr class=\"s-failed", "</tr>");
        assertTrue(row.contains("<pre class=\"tail\">line one\n&lt;/script&gt;"), row);
        assertFalse(between(html, "<tr class=\"s-succeeded", "</tr>").contains("tail"));
    }

    @Test
    void criticalPathFollowsTheDependencyThatEndedLast() throws Exception {
        List<Task> tasks = List.of(
                Task.ofCommand("short", "true", List.of()),
                Task.ofCommand("long", "true", List.of()),
                Task.ofCommand("join", "true", List.of("short", "long")),
                Task.ofCommand("side", "true", List.of()));
        Map<String, TaskResult> results = new LinkedHashMap<>();
        results.put("short", ok("short", 0, 1));
        results.put("long", ok("long", 0, 3));
        results.put("join", ok("join", 3, 5));
        results.put("side", ok("side", 0, 4));
        RunRecord run = new RunRecord(
                "20260102-030405-abce",
                RunState.SUCCEEDED,
                1,
                "t.json",
                SampleRuns.T0,
                SampleRuns.at(5),
                null,
                true,
                3,
                "",
                1,
                TaskSet.of("t.json", tasks),
                results,
                dir);
        ReportModel m = ReportModel.of(run);
        assertEquals(List.of(1, 2), m.criticalPath(), "long then join");
        assertEquals(3, m.lanes(), "short and long and side ran at once");
        assertEquals(List.of(List.of(0, 1, 3), List.of(2)), m.waves());
    }

    @Test
    void stderrTailReadsOnlyTheEndOfABigLog() throws Exception {
        Path log = dir.resolve("big.log");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            b.append("line ").append(i).append('\n');
        }
        Files.writeString(log, b);
        String tail = StderrTail.of(log);
        assertEquals(StderrTail.MAX_LINES, tail.lines().count());
        assertTrue(tail.endsWith("line 199999"), tail);
        assertEquals("", StderrTail.of(dir.resolve("none.log")));
    }

    private static TaskResult ok(String id, double from, double to) {
        return new TaskResult(
                id,
                TaskStatus.SUCCEEDED,
                List.of(attempt(1, from, to, TaskStatus.SUCCEEDED, null)),
                null,
                null,
                null,
                false);
    }

    private static Attempt attempt(int n, double from, double to, TaskStatus status, String error) {
        return new Attempt(
                n, SampleRuns.at(from), SampleRuns.at(to), status, status == TaskStatus.SUCCEEDED ? 0 : 1, 0, error);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static String between(String s, String from, String to) {
        int a = s.indexOf(from);
        assertTrue(a >= 0, "no " + from);
        return s.substring(a + from.length(), s.indexOf(to, a));
    }
}
