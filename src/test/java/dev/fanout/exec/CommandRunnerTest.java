package dev.fanout.exec;

import static dev.fanout.exec.RunFixture.argvTask;
import static dev.fanout.exec.RunFixture.file;
import static dev.fanout.exec.RunFixture.q;
import static dev.fanout.exec.RunFixture.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private RunRecord runOne(ObjectNode task) {
        task.put("retries", 0);
        return new RunFixture(tmp.resolve("home")).run(file(null, task), RunFixture.parallel(1));
    }

    private static String stdout(RunRecord r, String id) throws IOException {
        return Files.readString(r.taskDir(id).resolve("stdout.log"));
    }

    @Test
    void aStringCommandRunsUnderShC() throws IOException {
        RunRecord r = runOne(task("shell", "echo $((6 * 7)) | tr 4 X; echo \"$0\""));

        assertEquals(TaskStatus.SUCCEEDED, r.results().get("shell").status());
        assertEquals("X2\nsh\n", stdout(r, "shell"));
    }

    @Test
    void anArrayCommandRunsAsArgvWithNoShell() throws IOException {
        List<String> tricky = List.of(
                "$(touch pwned)",
                "a'b\"c",
                "x; touch pwned2",
                "`id`",
                "$HOME",
                "two  spaces",
                "tab\there",
                "glob*",
                "",
                "ünïcode ✓");
        List<String> argv = new java.util.ArrayList<>(List.of("printf", "[%s]\\n"));
        argv.addAll(tricky);
        ObjectNode t = argvTask("argv", argv);
        t.put("cwd", tmp.toString());
        RunRecord r = runOne(t);

        assertEquals(TaskStatus.SUCCEEDED, r.results().get("argv").status());
        StringBuilder expected = new StringBuilder();
        tricky.forEach(a -> expected.append('[').append(a).append("]\n"));
        assertEquals(expected.toString(), stdout(r, "argv"), "every argument arrives byte for byte");
        assertFalse(Files.exists(tmp.resolve("pwned")));
        assertFalse(Files.exists(tmp.resolve("pwned2")));
    }

    @Test
    void cwdSetsTheWorkingFolder() throws IOException {
        Path sub = Files.createDirectory(tmp.resolve("sub dir"));
        ObjectNode t = argvTask("where", List.of("pwd"));
        t.put("cwd", sub.toString());
        RunRecord r = runOne(t);

        assertEquals(sub.toRealPath() + "\n", stdout(r, "where"));
    }

    @Test
    void aMissingCwdFailsWithAClearErrorAndIsNotRetried() {
        ObjectNode t = argvTask("where", List.of("pwd"));
        t.put("cwd", tmp.resolve("nowhere").toString());
        t.put("retries", 3);
        RunRecord r = new RunFixture(tmp.resolve("home")).run(file(null, t), RunFixture.parallel(1));

        TaskResult where = r.results().get("where");
        assertEquals(TaskStatus.FAILED, where.status());
        assertEquals(1, where.attempts().size());
        assertTrue(where.reason().contains("nowhere") && where.reason().contains("cwd"), where.reason());
    }

    @Test
    void envAddsToTheEnvironmentAndFanoutNamesTheTaskRunAndResult() throws IOException {
        ObjectNode t = task(
                "env-task",
                "printf '%s|%s|%s|%s|%s\\n' \"$GREETING\" \"$FANOUT_TASK_ID\" \"$FANOUT_RUN_DIR\""
                        + " \"$FANOUT_RESULT\" \"$PATH\"");
        t.putObject("env").put("GREETING", "hello $world; \"quoted\"");
        RunRecord r = runOne(t);

        String[] parts = stdout(r, "env-task").strip().split("\\|", -1);
        assertEquals("hello $world; \"quoted\"", parts[0]);
        assertEquals("env-task", parts[1]);
        assertEquals(r.dir().toString(), parts[2]);
        assertEquals(r.taskDir("env-task").resolve("out.json").toString(), parts[3]);
        assertEquals(System.getenv("PATH"), parts[4], "fanout's own environment is kept");
    }

    @Test
    void standardInputIsEmpty() throws IOException {
        // with a pipe for stdin, cat would wait forever
        ObjectNode t = argvTask("reader", List.of("cat"));
        t.put("timeout_seconds", 10);
        RunRecord r = runOne(t);

        assertEquals(TaskStatus.SUCCEEDED, r.results().get("reader").status());
        assertEquals("", stdout(r, "reader"));
    }

    @Test
    void theResultIsWhatTheTaskWritesToFanoutResult() throws IOException {
        RunRecord r =
                runOne(task("res", "echo '{\"services\": [\"auth\"]}' > \"$FANOUT_RESULT\"; echo '[\"not this\"]'"));

        TaskResult res = r.results().get("res");
        assertEquals(JSON.readTree("{\"services\": [\"auth\"]}"), res.result());
        assertEquals(
                res.result(),
                JSON.readTree(r.taskDir("res").resolve("result.json").toFile()));
        assertNull(res.resultError());
    }

    @Test
    void withoutAResultFileStdoutThatIsJsonIsTheResult() throws IOException {
        RunRecord r = runOne(task("res", "echo '  [1, 2, {\"three\": 3}]'"));

        assertEquals(
                JSON.readTree("[1, 2, {\"three\": 3}]"), r.results().get("res").result());
    }

    @Test
    void plainStdoutIsNoResult() {
        RunRecord r = runOne(task("res", "echo '{not json at all'"));

        assertNull(r.results().get("res").result());
        assertNull(r.results().get("res").resultError());
        assertEquals(TaskStatus.SUCCEEDED, r.results().get("res").status());
    }

    @Test
    void aResultFileThatIsNotJsonIsRecordedAsAResultErrorAndTheTaskStillSucceeds() throws IOException {
        RunRecord r = runOne(task("res", "echo 'status: fine' > \"$FANOUT_RESULT\""));

        TaskResult res = r.results().get("res");
        assertEquals(TaskStatus.SUCCEEDED, res.status());
        assertNull(res.result());
        assertTrue(res.resultError().startsWith("FANOUT_RESULT is not JSON"), res.resultError());
        var json = JSON.readTree(r.dir().resolve("run.json").toFile());
        assertEquals(
                res.resultError(),
                json.path("results").path("res").path("result_error").asText());
        assertFalse(Files.exists(r.taskDir("res").resolve("result.json")));
    }

    @Test
    void stdoutAndStderrGoToTheirOwnLogs() throws IOException {
        RunRecord r = runOne(task("logs", "echo out; echo err >&2"));

        assertEquals("out\n", stdout(r, "logs"));
        assertEquals("err\n", Files.readString(r.taskDir("logs").resolve("stderr.log")));
    }

    @Test
    void eachRetryKeepsTheLogsOfTheAttemptBefore() throws IOException {
        Path marker = tmp.resolve("tried");
        ObjectNode t = task(
                "flaky",
                "echo attempt $FANOUT_ATTEMPT; if [ ! -e " + q(marker) + " ]; then touch " + q(marker)
                        + "; exit 1; fi");
        RunRecord r = new RunFixture(tmp.resolve("home"))
                .run(file(RunFixture.config("backoff_base_seconds", 0.01), t), RunFixture.parallel(1));

        assertEquals(TaskStatus.SUCCEEDED, r.results().get("flaky").status());
        assertEquals("attempt 1\n", Files.readString(r.taskDir("flaky").resolve("stdout.1.log")));
        assertEquals("attempt 2\n", stdout(r, "flaky"));
    }

    private static RunOptions stream() {
        return new RunOptions(1, true, HaltPolicy.NEVER, OutputMode.STREAM, null);
    }

    @Test
    void inStreamModeLinesArePassedOnAndTheLogsStayByteExact() throws IOException {
        List<AttemptContext.OutputLine> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        RunListener listener = new RunListener() {
            @Override
            public void outputLine(AttemptContext.OutputLine line) {
                lines.add(line);
            }
        };
        ObjectNode t = task("talker", "printf 'one\\r\\ntwo \\377\\nno newline'; printf 'oops' >&2");
        RunRecord r = new RunFixture(tmp.resolve("home"))
                .prepare(file(null, t), stream(), listener)
                .execute();

        assertEquals(TaskStatus.SUCCEEDED, r.results().get("talker").status());
        byte[] expected = {
            'o',
            'n',
            'e',
            '\r',
            '\n',
            't',
            'w',
            'o',
            ' ',
            (byte) 0xff,
            '\n',
            'n',
            'o',
            ' ',
            'n',
            'e',
            'w',
            'l',
            'i',
            'n',
            'e'
        };
        assertEquals(
                java.util.Arrays.toString(expected),
                java.util.Arrays.toString(Files.readAllBytes(r.taskDir("talker").resolve("stdout.log"))));
        assertEquals("oops", Files.readString(r.taskDir("talker").resolve("stderr.log")));
        List<String> out = lines.stream()
                .filter(l -> !l.stderr())
                .map(AttemptContext.OutputLine::text)
                .toList();
        assertEquals(List.of("one\r", "two \ufffd", "no newline"), out);
        assertTrue(lines.stream()
                .anyMatch(
                        l -> l.stderr() && l.text().equals("oops") && l.taskId().equals("talker")));
    }

    @Test
    void inStreamModeABackgroundChildHoldingTheOutputDoesNotHoldTheTask() {
        // the child keeps the task's stdout pipe open for a minute; the task itself is done at once
        long t0 = System.nanoTime();
        RunRecord r =
                new RunFixture(tmp.resolve("home")).run(file(null, task("bg", "sleep 60 & echo started")), stream());

        assertEquals(TaskStatus.SUCCEEDED, r.results().get("bg").status());
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "did not wait for the background child");
    }
}
