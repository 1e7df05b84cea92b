package dev.fanout.cli;

import static dev.fanout.exec.RunFixture.config;
import static dev.fanout.exec.RunFixture.file;
import static dev.fanout.exec.RunFixture.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.exec.RunFixture;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12.23: a failure summary points at the log that has the output, or says both are empty. */
class FailureSummaryTest {
    @TempDir
    Path tmp;

    private String summaryOf(String command) throws IOException {
        Path tasks =
                RunFixture.write(tmp.resolve("tasks.json"), file(config("max_retries", 0), task("suite", command)));
        Cli.Result r = Cli.run(tmp.resolve("home"), "run", "--quiet", tasks.toString());
        assertEquals(1, r.exit(), r.toString());
        return r.out();
    }

    @Test
    void aTaskThatWroteOnlyToStdoutIsShownFromStdoutLog() throws IOException {
        String summary = summaryOf("echo 'Tests run: 3, Failures: 1'; exit 1");

        assertTrue(summary.contains("| Tests run: 3, Failures: 1"), summary);
        assertTrue(summary.contains("log: ") && summary.contains("tasks/suite/stdout.log"), summary);
        assertFalse(summary.contains("stderr.log"), summary);
    }

    @Test
    void aTaskThatWroteToStderrIsShownFromStderrLog() throws IOException {
        String summary = summaryOf("echo progress; echo 'disk full' >&2; exit 1");

        assertTrue(summary.contains("| disk full"), summary);
        assertTrue(summary.contains("tasks/suite/stderr.log"), summary);
        assertFalse(summary.contains("| progress"), summary);
    }

    @Test
    void aTaskThatWroteNothingIsSaidToHaveNoOutput() throws IOException {
        String summary = summaryOf("exit 1");

        assertTrue(summary.contains("no output: stdout.log and stderr.log are empty in "), summary);
        assertFalse(summary.contains("log: "), summary);
    }
}
