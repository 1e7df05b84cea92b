package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsCommandTest {
    @TempDir
    Path dir;

    private Path tasks() throws IOException {
        return Files.writeString(dir.resolve("t.json"), """
                [{"id": "quick", "command": ["true"], "estimated_seconds": 5},
                 {"id": "after", "command": ["true"], "depends_on": ["quick"]}]
                """);
    }

    @Test
    void countsRunsTasksAndAttemptsInWords() throws IOException {
        Path home = dir.resolve("home");
        Path file = tasks();
        assertEquals(0, Cli.run(home, "run", file.toString(), "--quiet").exit());

        Cli.Result one = Cli.run(home, "stats");
        assertEquals(0, one.exit(), one.toString());
        assertEquals(
                "1 run, 2 tasks run, 2 attempts", one.out().lines().findFirst().orElseThrow());
        assertTrue(one.out().contains("over 1 run\n"), one.out());

        assertEquals(0, Cli.run(home, "run", file.toString(), "--quiet").exit());
        Cli.Result two = Cli.run(home, "stats");
        assertEquals(
                "2 runs, 4 tasks run, 4 attempts", two.out().lines().findFirst().orElseThrow());
        assertTrue(two.out().contains("over 2 runs\n"), two.out());
    }

    @Test
    void anEstimateFarAboveTheMeasuredTimeIsListedAsTooHigh() throws IOException {
        Path home = dir.resolve("home");
        assertEquals(0, Cli.run(home, "run", tasks().toString(), "--quiet").exit());

        Cli.Result r = Cli.run(home, "stats");
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  quick") && l.endsWith("too high")), r.out());
    }
}
