package dev.fanout.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.ProcessTest;
import dev.fanout.exec.RunRecord;
import dev.fanout.exec.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10,000-task run's report: its size, and how long Chromium takes to parse it and draw the
 * timeline and the graph. The figures go to target/report-10000.txt; the time is reported, not
 * asserted, since it depends on the machine's load.
 */
@Tag("browser")
@ProcessTest
class ReportScaleTest {
    static final int TASKS = 10_000;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // four browser loads of a big page on a loaded machine
    void tenThousandTaskReportStaysSmallAndDrawsEveryAttempt() throws Exception {
        Chromium chromium = Chromium.require();
        RunRecord run = SampleRuns.large(tmp.resolve("runs"), TASKS, 16, 42);
        int attempts = run.results().values().stream()
                .mapToInt(r -> r.attempts().size())
                .sum();
        long start = System.nanoTime();
        Path file = HtmlReport.write(run, tmp.resolve("report.html"));
        long writeMillis = (System.nanoTime() - start) / 1_000_000;
        long bytes = Files.size(file);
        assertTrue(bytes < 5_000_000, "report of " + TASKS + " tasks is " + bytes + " bytes");

        Chromium.Load load = chromium.dumpDom(file, tmp);
        assertEquals(List.of(), load.console());
        assertEquals(List.of(), load.requests());
        assertEquals(Integer.toString(attempts), attr(load.dom(), "timeline-canvas", "data-bars"));
        assertEquals(Integer.toString(TASKS), attr(load.dom(), "graph-canvas", "data-nodes"));
        long readyMillis = Long.parseLong(attr(load.dom(), "html", "data-ready-ms"));
        Path blank = tmp.resolve("blank.html");
        Files.writeString(blank, "<!DOCTYPE html><title>blank</title>");
        long blankMillis = chromium.dumpDom(blank, tmp).millis();
        Chromium.Load shot = chromium.screenshot(file, Path.of("target", "report-10000.png"), 1300, 1200, tmp);

        String figures = String.format(
                Locale.ROOT,
                "%d tasks, %d attempts, %d failed for good%n"
                        + "report.html: %d bytes (%.2f MB), written in %d ms%n"
                        + "Chromium: HTML parsed at %d ms, page script done (parse + timeline + graph + table wiring) at %d ms after navigation start%n"
                        + "Chromium --dump-dom wall: %d ms; of a blank page: %d ms (start-up); --screenshot wall: %d ms%n",
                TASKS,
                attempts,
                run.results().values().stream()
                        .map(TaskResult::status)
                        .filter(s -> s == dev.fanout.exec.TaskStatus.FAILED)
                        .count(),
                bytes,
                bytes / 1e6,
                writeMillis,
                Long.parseLong(attr(load.dom(), "html", "data-parsed-ms")),
                readyMillis,
                load.millis(),
                blankMillis,
                shot.millis());
        Files.writeString(Path.of("target", "report-10000.txt"), figures);
        System.out.print(figures);
    }

    static String attr(String dom, String idOrTag, String name) {
        Matcher m = Pattern.compile("<(?:" + idOrTag + "\\b[^>]*|[a-z]+ [^>]*id=\"" + idOrTag + "\"[^>]*)>")
                .matcher(dom);
        assertTrue(m.find(), "no element " + idOrTag);
        Matcher a = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(m.group());
        assertTrue(a.find(), "no " + name + " on " + m.group());
        return a.group(1);
    }
}
