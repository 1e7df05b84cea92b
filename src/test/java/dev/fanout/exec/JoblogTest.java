package dev.fanout.exec;

import static dev.fanout.exec.RunFixture.argvTask;
import static dev.fanout.exec.RunFixture.file;
import static dev.fanout.exec.RunFixture.q;
import static dev.fanout.exec.RunFixture.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The joblog as a GNU Parallel-style consumer reads it, and as GNU Parallel itself does. */
class JoblogTest {
    static final String HEADER = "Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand";
    /** The shape of a line GNU Parallel writes (print_joblog): JobRuntime is right-aligned in 10 columns. */
    private static final Pattern LINE =
            Pattern.compile("\\d+\t:\t\\d+\\.\\d{3}\t(?=[^\t]{10}\t) *\\d+\\.\\d{3}\t\\d+\t\\d+\t-?\\d+\t\\d+\t.*");

    @TempDir
    Path tmp;

    /** A joblog line split into its nine columns; the command may hold tabs, so it takes the rest. */
    record Line(
            int seq,
            String host,
            double start,
            double runtime,
            long send,
            long receive,
            int exitval,
            int signal,
            String command) {
        static Line parse(String text) {
            String[] c = text.split("\t", 9);
            return new Line(
                    Integer.parseInt(c[0]),
                    c[1],
                    Double.parseDouble(c[2]),
                    Double.parseDouble(c[3].strip()),
                    Long.parseLong(c[4]),
                    Long.parseLong(c[5]),
                    Integer.parseInt(c[6]),
                    Integer.parseInt(c[7]),
                    c[8]);
        }
    }

    static List<String> lines(Path joblog) throws IOException {
        return Files.readAllLines(joblog, StandardCharsets.UTF_8);
    }

    @Test
    void eachAttemptIsALineInGnuParallelsColumns() throws IOException {
        ObjectNode bad = task("bad", "exit 3");
        bad.put("retries", 0);
        ObjectNode slow = task("slow", "sleep 30");
        slow.put("timeout_seconds", 0.3).put("retries", 0);
        List<String> argv = List.of("printf", "%s|", "it's", "a \"b\"", "$x", "");
        ObjectNode multi = task("multi", "echo one\necho 'two\tcolumns'");
        RunRecord r = new RunFixture(tmp.resolve("home"))
                .run(
                        file(null, task("ok", "echo hello"), bad, slow, argvTask("argv", argv), multi),
                        RunFixture.parallel(5));

        List<String> text = lines(r.dir().resolve("joblog"));
        assertEquals(HEADER, text.get(0));
        assertEquals(6, text.size(), "a header and one line per attempt");
        Map<Integer, Line> bySeq = new HashMap<>();
        for (String l : text.subList(1, text.size())) {
            assertTrue(LINE.matcher(l).matches(), "shaped as GNU Parallel writes it: " + l);
            Line line = Line.parse(l);
            bySeq.put(line.seq(), line);
            assertEquals(":", line.host());
            assertEquals(0, line.send());
        }
        List<String> ids = List.of("ok", "bad", "slow", "argv", "multi");
        for (int i = 0; i < ids.size(); i++) {
            Line line = bySeq.get(i + 1);
            Attempt a = r.results().get(ids.get(i)).lastAttempt();
            assertEquals(a.startedAt().toEpochMilli() / 1000.0, line.start(), 0.0011, ids.get(i) + " start");
            assertEquals(a.seconds(), line.runtime(), 0.0011, ids.get(i) + " runtime");
            assertEquals(
                    Files.size(r.taskDir(ids.get(i)).resolve("stdout.log")), line.receive(), ids.get(i) + " bytes");
        }
        assertEquals(0, bySeq.get(1).exitval());
        assertEquals("echo hello", bySeq.get(1).command());
        assertEquals(3, bySeq.get(2).exitval());
        assertEquals(0, bySeq.get(2).signal());
        assertEquals(-1, bySeq.get(3).exitval(), "stopped, as GNU Parallel logs a job it killed on --timeout");
        assertEquals(15, bySeq.get(3).signal());
        assertEquals("printf '%s|' 'it'\\''s' 'a \"b\"' '$x' ''", bySeq.get(4).command(), "argv quoted for a shell");
        assertEquals("echo one\0echo 'two\tcolumns'", bySeq.get(5).command(), "newlines as NUL, as GNU Parallel does");
    }

    @Test
    void gnuParallelRerunsTheFailedCommandsOfAFanoutJoblog() throws IOException, InterruptedException {
        assumeTrue(RunFixture.onPath("parallel"), "GNU Parallel is not installed");
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        Path d = tmp.resolve("d");
        ObjectNode bad = task("bad", "echo bad >> " + q(b) + "; exit 3");
        ObjectNode argv = argvTask(
                "argv-bad",
                List.of("sh", "-c", "printf '%s\\n' \"$0\" >> " + q(c) + "; exit 4", "it's \"quoted\" $HOME"));
        ObjectNode multi = task("multi-bad", "echo one >> " + q(d) + "\necho two >> " + q(d) + "\nexit 5");
        ObjectNode retried = task("retried", "[ \"$FANOUT_ATTEMPT\" = 2 ]");
        for (ObjectNode t : List.of(bad, argv, multi)) {
            t.put("retries", 0);
        }
        RunRecord r = new RunFixture(tmp.resolve("home"))
                .run(
                        file(
                                RunFixture.config("backoff_base_seconds", 0.01),
                                task("ok", "echo ok >> " + q(a)),
                                bad,
                                argv,
                                multi,
                                retried),
                        RunFixture.parallel(2));
        assertEquals(TaskStatus.SUCCEEDED, r.results().get("retried").status());
        Path joblog = Files.copy(r.dir().resolve("joblog"), tmp.resolve("joblog"));

        Process p = new ProcessBuilder("parallel", "--will-cite", "--retry-failed", "--joblog", joblog.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("parallel.out").toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));

        assertEquals(3, p.exitValue(), "three jobs failed again: " + Files.readString(tmp.resolve("parallel.out")));
        assertEquals(List.of("ok"), Files.readAllLines(a), "the task that succeeded was not rerun");
        assertEquals(List.of("bad", "bad"), Files.readAllLines(b));
        assertEquals(List.of("it's \"quoted\" $HOME", "it's \"quoted\" $HOME"), Files.readAllLines(c));
        assertEquals(List.of("one", "two", "one", "two"), Files.readAllLines(d));
        List<Line> after = lines(joblog).stream().skip(1).map(Line::parse).toList();
        assertEquals(6 + 3, after.size(), "GNU Parallel appended its three reruns");
    }

    @Test
    void theHeaderAndColumnsAreThoseGnuParallelWrites() throws IOException, InterruptedException {
        assumeTrue(RunFixture.onPath("parallel"), "GNU Parallel is not installed");
        Path theirs = tmp.resolve("parallel.joblog");
        Process p = new ProcessBuilder(
                        "parallel", "--will-cite", "--joblog", theirs.toString(), "exit", ":::", "0", "3")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        List<String> their = lines(theirs);

        ObjectNode bad = task("bad", "exit 3");
        bad.put("retries", 0);
        RunRecord r =
                new RunFixture(tmp.resolve("home")).run(file(null, task("ok", "exit 0"), bad), RunFixture.parallel(1));
        List<String> ours = lines(r.dir().resolve("joblog"));

        assertEquals(their.get(0), ours.get(0));
        assertEquals(HEADER, ours.get(0));
        List<String> theirLines = new ArrayList<>(their.subList(1, their.size()));
        for (String l : theirLines) {
            assertTrue(LINE.matcher(l).matches(), "the pattern fits GNU Parallel's own line: " + l);
        }
        for (String l : ours.subList(1, ours.size())) {
            assertTrue(LINE.matcher(l).matches(), l);
        }
    }
}
