package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch files: shell lines in one session, stopping at the first failing line. */
class BatchTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int fanout(String... args) {
        CliContext ctx = new CliContext(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = dir.resolve("home").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CommandLineFactory.create(ctx).execute(all);
    }

    private Path tasks() throws Exception {
        return Files.writeString(
                dir.resolve("tasks.json"),
                "[{\"id\": \"a\", \"command\": \"true\"}, {\"id\": \"b\", \"command\": \"true\", \"depends_on\": [\"a\"]}]");
    }

    private Path batch(String... lines) throws Exception {
        return Files.writeString(dir.resolve("b.fan"), String.join("\n", lines) + "\n");
    }

    @Test
    void linesRunInOneSessionAndCommentsAreSkipped() throws Exception {
        Path file = batch(
                "# load and look",
                "load " + tasks(),
                "",
                "set max_parallel_tasks 2",
                "tasks",
                "analyze",
                "run --quiet",
                "save nightly");
        assertEquals(0, fanout("-f", file.toString()), err.toString());
        assertTrue(out.toString().contains("the session has 2 tasks"), out.toString());
        assertTrue(out.toString().contains("on 2 slots"), out.toString());
        assertTrue(out.toString().contains("succeeded in"), out.toString());
        assertTrue(Files.exists(dir.resolve("home/sessions/nightly.json")));
    }

    @Test
    void theFirstSessionExampleRunsRegistersAJsMergeMergesAndSaves() throws Exception {
        assertEquals(0, fanout("-f", "examples/first-session.fan"), err.toString());
        assertTrue(out.toString().contains("merged (top3): {\"top\":["), out.toString());
        assertTrue(Files.exists(dir.resolve("home/sessions/first-session.json")));
    }

    @Test
    void aBrokenCopyOfTheExampleStopsAtTheBrokenLine() throws Exception {
        String example = Files.readString(Path.of("examples/first-session.fan"));
        Path broken = Files.writeString(
                dir.resolve("broken.fan"), example.replace("merge --strategy top3", "merge --strategy top4"));
        assertEquals(2, fanout("-f", broken.toString()));
        assertEquals(
                List.of(
                        "registered merge strategy 'top3' (merge --strategy top3)", // the js line's note
                        broken + ":9: error: unknown merge strategy 'top4'; did you mean 'top3'?"
                                + " ('fanout strategies' lists them)"),
                err.toString().lines().toList());
        assertFalse(Files.exists(dir.resolve("home/sessions/first-session.json")), "the batch stopped before save");
    }

    @Test
    void theFirstFailingLineStopsTheBatchNamingFileAndLine() throws Exception {
        Path file = batch("load " + tasks(), "# comment", "lod x", "save never");
        assertEquals(2, fanout("-f", file.toString()));
        assertEquals(file + ":3: error: unknown command 'lod'; did you mean 'load'?\n", err.toString());
        assertFalse(Files.exists(dir.resolve("home/sessions/never.json")), "no line after the failure ran");
    }

    @Test
    void keepGoingRunsEveryLineAndExitsOneAtTheEnd() throws Exception {
        Path file = batch("bogus", "load " + tasks(), "save kept");
        assertEquals(1, fanout("--keep-going", "-f", file.toString()));
        assertTrue(err.toString().startsWith(file + ":1: error: unknown command 'bogus'"), err.toString());
        assertTrue(Files.exists(dir.resolve("home/sessions/kept.json")));
    }

    @Test
    void aCommandThatFailsWithoutAnErrorStillStopsTheBatch() throws Exception {
        Path failing =
                Files.writeString(dir.resolve("f.json"), "[{\"id\": \"x\", \"command\": \"exit 4\", \"retries\": 0}]");
        Path file = batch("run --quiet " + failing, "save never");
        assertEquals(1, fanout("-f", file.toString()));
        assertTrue(
                err.toString().contains(file + ":1: error: 'run --quiet " + failing + "' ended with exit code 1"),
                err.toString());
    }

    @Test
    void anUnbalancedQuoteIsAnErrorOfItsLine() throws Exception {
        Path file = batch("load \"" + tasks());
        assertEquals(2, fanout("-f", file.toString()));
        assertEquals(file + ":1: error: unbalanced quote: close the \" (double) quote\n", err.toString());
    }

    @Test
    void aLineOf100KilobytesIsHandled() throws Exception {
        String value = "v".repeat(100 * 1024);
        Path file = batch("var big " + value, "var big");
        assertEquals(0, fanout("-f", file.toString()), err.toString());
        assertTrue(out.toString().contains(value));
    }

    @Test
    void aBatchFileThatDoesNotExistIsBadInput() {
        assertEquals(2, fanout("-f", dir.resolve("missing.fan").toString()));
        assertTrue(err.toString().contains("missing.fan does not exist"), err.toString());
    }

    @Test
    void binaryGarbageOnStandardInputGivesOneErrorAndNoCrash() throws Exception {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        garbage[0] = 0;
        Path input = Files.write(dir.resolve("garbage.bin"), garbage);
        Process p = new ProcessBuilder(
                        javaBin(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "--home",
                        dir.resolve("home").toString())
                .redirectInput(input.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), output);
        List<String> lines = output.lines().toList();
        assertEquals(1, lines.size(), output);
        assertTrue(lines.get(0).startsWith("<stdin>:1: error: not a line of text"), output);
        assertFalse(output.contains("Exception"), output);
    }

    private static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    @Test
    void aMultiLineJavaScriptEntryRunsAsOneAndItsErrorNamesTheFilesLine() throws Exception {
        Path file = batch(
                "set max_parallel_tasks 2", "js [1,", "  2,", "  3].map(function (x) { return x.nope(); })", "tasks");
        assertEquals(1, fanout("-f", file.toString()));
        assertTrue(
                err.toString().startsWith(file + ":4:"),
                "the error names the entry's third line, the file's fourth: " + err);
        assertTrue(err.toString().contains("TypeError"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void aMultiLineJavaScriptEntryDefinesAStrategyTheNextLineUses() throws Exception {
        Path file = batch(
                "load " + tasks(),
                "run --quiet",
                "js fanout.registerMerge('count', function (outputs) {",
                "  return {tasks: Object.keys(outputs).length};",
                "})",
                "merge --strategy count");
        assertEquals(0, fanout("-f", file.toString()), err.toString());
        assertTrue(err.toString().contains("registered merge strategy 'count'"), err.toString());
        assertTrue(out.toString().replace(" ", "").contains("\"tasks\":2"), out.toString());
    }
}
