package dev.fanout.cli;

import static dev.fanout.exec.RunFixture.config;
import static dev.fanout.exec.RunFixture.file;
import static dev.fanout.exec.RunFixture.q;
import static dev.fanout.exec.RunFixture.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.exec.RunFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code fanout run} end to end, in process: exit codes, mode overrides, bad input. */
class RunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int fanout(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--home")) {
            all.addAll(List.of("--home", tmp.resolve("home").toString()));
        }
        CliContext ctx = new CliContext(Map.of(), new PrintWriter(out), new PrintWriter(err), false);
        return CommandLineFactory.create(ctx).execute(all.toArray(String[]::new));
    }

    private String tasks(ObjectNode tasksFile) throws IOException {
        return RunFixture.write(tmp.resolve("tasks.json"), tasksFile).toString();
    }

    private JsonNode record() throws IOException {
        return JSON.readTree(FanoutProcess.runDir(tmp.resolve("home"))
                .orElseThrow()
                .resolve("run.json")
                .toFile());
    }

    @Test
    void exitsZeroWhenEveryTaskSucceeded() throws IOException {
        int exit = fanout("run", tasks(file(null, task("a", "true"), task("b", "true", "a"))));

        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().contains("succeeded"), out.toString());
    }

    @Test
    void exitsOneWhenATaskDidNotSucceedAndShowsItsStderr() throws IOException {
        int exit = fanout(
                "run",
                tasks(file(
                        config("max_retries", 0),
                        task("a", "echo 'disk full' >&2; exit 1"),
                        task("b", "true", "a"),
                        task("c", "true"))));

        assertEquals(1, exit);
        assertTrue(out.toString().contains("disk full"), out.toString());
        assertTrue(out.toString().contains("dependency a failed"), out.toString());
        assertEquals("partial", record().path("status").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "run missing.json|no such file",
                "run TASKS --jobs 0|--jobs must be at least 1",
                "run TASKS --halt sometimes|--halt takes never, soon or now",
                "run TASKS --output fancy|--output takes group or stream",
                "run --resume 20200101-000000-abcd|no run '20200101-000000-abcd'",
                "run --resume ../etc|is not a run id",
                "run TASKS --resume 20200101-000000-abcd|not both",
                "run CYCLE|cycle"
            })
    void badInputExitsTwoWithOneLine(String args, String message) throws IOException {
        String tasks = tasks(file(null, task("a", "true")));
        String cycle = RunFixture.write(
                        tmp.resolve("cycle.json"), file(null, task("a", "true", "b"), task("b", "true", "a")))
                .toString();
        String[] argv = args.replace("TASKS", tasks).replace("CYCLE", cycle).split(" ");

        int exit = fanout(argv);

        assertEquals(2, exit, out + "\n" + err);
        String[] lines = err.toString().strip().split("\n");
        assertEquals(1, lines.length, err.toString());
        assertTrue(lines[0].startsWith("error: ") && lines[0].contains(message), lines[0]);
    }

    @Test
    void aRunFolderThatCannotBeCreatedIsBadInput() throws IOException {
        // a regular file where a folder should be stops even root, unlike permissions
        Path blocker = Files.writeString(tmp.resolve("not-a-folder"), "");
        int exit = fanout(
                "run",
                tasks(file(null, task("a", "true"))),
                "--home",
                blocker.resolve("home").toString());

        assertEquals(2, exit, out + "\n" + err);
        assertTrue(err.toString().startsWith("error: cannot write the run record in "), err.toString());
        assertEquals(1, err.toString().strip().split("\n").length, err.toString());
    }

    @Test
    void aRunsFolderWithoutWritePermissionIsBadInput() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes through permissions");
        Path runs = Files.createDirectories(tmp.resolve("home/runs"));
        assertTrue(runs.toFile().setWritable(false));
        try {
            int exit = fanout("run", tasks(file(null, task("a", "true"))));

            assertEquals(2, exit, out + "\n" + err);
            assertTrue(err.toString().contains("permission denied"), err.toString());
        } finally {
            runs.toFile().setWritable(true);
        }
    }

    /** Two tasks that each wait for the other to have started: they succeed only side by side. */
    private ObjectNode meetingTasks() {
        Path a = tmp.resolve("a.started");
        Path b = tmp.resolve("b.started");
        ObjectNode ta = task("a", "touch " + q(a) + "; until [ -e " + q(b) + " ]; do sleep 0.01; done");
        ObjectNode tb = task("b", "touch " + q(b) + "; until [ -e " + q(a) + " ]; do sleep 0.01; done");
        ta.put("timeout_seconds", 20).put("retries", 0);
        tb.put("timeout_seconds", 20).put("retries", 0);
        return file(null, ta, tb);
    }

    @Test
    void parallelOverridesADecisionToRunSequentially() throws IOException {
        String file = tasks(meetingTasks());
        assertEquals(0, fanout("run", file, "--dry-run"));
        assertTrue(
                out.toString().contains("1 slot, dependency order"), "two tasks: the decision is sequential\n" + out);

        int exit = fanout("run", file, "--parallel");

        assertEquals(0, exit, out + "\n" + err);
        JsonNode r = record();
        assertEquals("parallel", r.path("mode").asText());
        assertTrue(
                r.path("decision").asText().startsWith("--parallel given"),
                r.path("decision").asText());
    }

    @Test
    void sequentialOverridesADecisionToRunInParallel() throws IOException {
        Path log = tmp.resolve("order.log");
        ObjectNode[] list = new ObjectNode[4];
        for (int i = 0; i < list.length; i++) {
            list[i] = task("t" + i, "echo start >> " + q(log) + "; sleep 0.05; echo end >> " + q(log));
            list[i].put("estimated_seconds", 10);
        }
        String file = tasks(file(null, list));
        assertEquals(0, fanout("run", file, "--dry-run"));
        assertTrue(out.toString().contains("slots, longest remaining path first"), "the decision is parallel\n" + out);

        int exit = fanout("run", file, "--sequential", "--jobs", "4");

        assertEquals(0, exit, out + "\n" + err);
        JsonNode r = record();
        assertEquals("sequential", r.path("mode").asText());
        assertEquals(1, r.path("jobs").asInt());
        assertEquals(List.of("start", "end", "start", "end", "start", "end", "start", "end"), Files.readAllLines(log));
    }

    @Test
    void haltSoonFromTheCommandLineCancelsWhatHasNotStarted() throws IOException {
        ObjectNode bad = task("bad", "exit 1");
        bad.put("retries", 0);
        int exit = fanout(
                "run",
                tasks(file(null, bad, task("after", "true", "bad"), task("next", "true"))),
                "--halt",
                "soon",
                "--jobs",
                "1",
                "--parallel");

        assertEquals(1, exit);
        JsonNode r = record();
        assertEquals("cancelled", r.path("results").path("next").path("status").asText());
        assertEquals("skipped", r.path("results").path("after").path("status").asText());
    }

    @Test
    void resumingARunThatIsStillGoingIsRefused() throws IOException {
        assertEquals(0, fanout("run", tasks(file(null, task("a", "true")))));
        Path runJson = FanoutProcess.runDir(tmp.resolve("home")).orElseThrow().resolve("run.json");
        ObjectNode o = (ObjectNode) JSON.readTree(runJson.toFile());
        // as if this JVM were the fanout running it
        o.put("status", "running")
                .put("pid", ProcessHandle.current().pid())
                .putNull("ended_at")
                .put("started_at", java.time.Instant.now().toString());
        JSON.writeValue(runJson.toFile(), o);
        err.getBuffer().setLength(0);

        int exit = fanout("run", "--resume", o.path("run_id").asText());

        assertEquals(2, exit, out + "\n" + err);
        assertTrue(err.toString().contains("is still running"), err.toString());
    }
}
