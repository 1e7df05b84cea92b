package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path tmp;

    Path home;
    String runId;

    @BeforeEach
    void aRunWithAFailure() throws Exception {
        home = tmp.resolve("home");
        Path tasks = tmp.resolve("tasks.json");
        // "retries": 0: the report needs a failed task, not the default backoff's 14 s of retries
        Files.writeString(tasks, """
                {"tasks": [
                  {"id": "ok", "command": "true"},
                  {"id": "bad", "command": "echo 'no <b>such</b> thing' >&2; exit 4", "depends_on": ["ok"], "retries": 0}
                ]}
                """);
        Cli.Result run = Cli.run(home, "run", tasks.toString(), "--quiet");
        assertEquals(1, run.exit(), run.toString());
        try (var dirs = Files.list(home.resolve("runs"))) {
            runId = dirs.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d{8}-.*"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    @Test
    void reportOfTheLatestRunGoesNextToItsRecord() throws Exception {
        Cli.Result r = Cli.run(home, "report");
        Path file = home.resolve("runs").resolve(runId).resolve("report.html").toAbsolutePath();
        assertEquals(0, r.exit(), r.toString());
        assertEquals("report: " + file + "\n", r.out());
        String html = Files.readString(file);
        assertTrue(html.contains("no &lt;b&gt;such&lt;/b&gt; thing"), "the failed task's stderr, escaped");
        assertTrue(html.contains(runId));
    }

    @Test
    void outputPutsItWhereAsked() throws Exception {
        Path out = tmp.resolve("out/r.html");
        Cli.Result r = Cli.run(home, "report", runId, "--output", out.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.readString(out).startsWith("<!DOCTYPE html>"));
    }

    @Test
    void aFolderAsOutputIsBadInput() {
        Cli.Result r = Cli.run(home, "report", "--output", tmp.toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.err().contains("is a folder; give a file name"), r.err());
    }

    @Test
    void anUnknownRunIsBadInputInOneLine() {
        Cli.Result r = Cli.run(home, "report", "20990101-000000-ffff");
        assertEquals(2, r.exit(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.err().contains("no run '20990101-000000-ffff'"), r.err());
    }

    @Test
    void openWithoutADesktopSaysWhereTheFileIs() {
        Cli.Result r = Cli.runIn(Map.of("TERM", "dumb", "PATH", "/usr/bin:/bin"), home, "report", "--open");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("no desktop opener here"), r.out());
    }

    @Test
    void openHandsTheFileToXdgOpen() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path seen = tmp.resolve("seen");
        Path opener = bin.resolve("xdg-open");
        Files.writeString(opener, "#!/bin/sh\nprintf '%s' \"$1\" > '" + seen + "'\n");
        assertTrue(opener.toFile().setExecutable(true));
        Cli.Result r = Cli.runIn(
                Map.of("TERM", "dumb", "PATH", bin + ":/usr/bin:/bin", "DISPLAY", ":0"), home, "report", "--open");
        assertEquals(0, r.exit(), r.toString());
        Path file = home.resolve("runs").resolve(runId).resolve("report.html").toAbsolutePath();
        assertEquals(file.toString(), Files.readString(seen));
        assertEquals(List.of("report: " + file), r.out().lines().toList());
    }

    @Test
    void runWithReportWritesItAtTheEnd() throws Exception {
        Path tasks = tmp.resolve("one.json");
        Files.writeString(tasks, "[{\"id\": \"only\", \"command\": \"true\"}]");
        Cli.Result r = Cli.run(home, "run", tasks.toString(), "--quiet", "--report");
        assertEquals(0, r.exit(), r.toString());
        String line = r.out()
                .lines()
                .filter(l -> l.startsWith("report: "))
                .findFirst()
                .orElseThrow();
        assertTrue(Files.readString(Path.of(line.substring(8))).contains("only"));
    }
}
