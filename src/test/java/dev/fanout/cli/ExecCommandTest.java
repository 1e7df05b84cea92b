package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fanout exec}: issue 12.18, a plain mistake is not retried and a retry says when it comes. */
class ExecCommandTest {
    @TempDir
    Path home;

    private JsonNode record() throws IOException {
        return new ObjectMapper()
                .readTree(FanoutProcess.runDir(home)
                        .orElseThrow()
                        .resolve("run.json")
                        .toFile());
    }

    @Test
    void shellMisuseExitTwoFailsAtOnceWithoutRetries() throws IOException {
        Cli.Result r = Cli.run(home, "exec", "--task-id", "misuse", "--", "sh", "-c", "exit 2");

        assertEquals(1, r.exit(), r.toString());
        assertFalse(r.out().contains("retrying"), r.out());
        assertEquals(1, record().at("/results/misuse/attempts").size(), record().toString());
    }

    @Test
    void aRetrySaysHowLongItWaitsAndWhichAttemptOfHowManyComesNext() throws IOException {
        Files.createDirectories(home);
        Files.writeString(home.resolve("config.json"), "{\"backoff_base_seconds\": 0.01}");

        Cli.Result r = Cli.run(home, "exec", "--task-id", "flaky", "--retries", "2", "--", "sh", "-c", "exit 1");

        assertEquals(1, r.exit(), r.toString());
        assertTrue(
                r.out().matches("(?s).*retry +flaky: attempt 1 [^\n]*; retrying in [0-9.]+s \\(attempt 2 of 3\\).*"),
                r.out());
        assertTrue(r.out().contains("(attempt 3 of 3)"), r.out());
    }
}
