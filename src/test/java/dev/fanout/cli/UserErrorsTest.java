package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.config.Home;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes and damage that are the user's to fix get one line and exit 2, never an internal error (issue 12.10, 12.12). */
class UserErrorsTest {
    @TempDir
    Path dir;

    Path home;
    Path tasks;

    @BeforeEach
    void aRun() throws IOException {
        home = dir.resolve("home");
        tasks = Files.writeString(
                dir.resolve("t.json"),
                "[{\"id\": \"a\", \"command\": \"echo '{\\\"n\\\": 1}'\"}, {\"id\": \"b\", \"command\": \"true\"}]");
    }

    private String onlyRunId() throws IOException {
        try (Stream<Path> runs = Files.list(home.resolve("runs"))) {
            List<Path> dirs = runs.filter(Files::isDirectory).toList();
            assertEquals(1, dirs.size());
            return dirs.get(0).getFileName().toString();
        }
    }

    private static void assertOneLine(Cli.Result r, String start) {
        assertEquals(2, r.exit(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.errLines().get(0).startsWith("error: " + start), r.toString());
    }

    @Test
    void mergeOutputThatIsAFolderOrCannotBeWrittenIsTheUsersError() throws IOException {
        assertEquals(0, Cli.run(home, "run", "--quiet", tasks.toString()).exit());
        Path folder = Files.createDirectories(dir.resolve("out"));
        assertOneLine(
                Cli.run(home, "merge", "--output", folder.toString()),
                "--output " + folder + " is a folder; name a file to write the merged answer to");
        Path underAFile = tasks.resolve("x.json");
        assertOneLine(Cli.run(home, "merge", "--output", underAFile.toString()), "cannot write --output " + underAFile);
    }

    @Test
    void aDamagedRunRecordIsListedAsDamagedAndExplainedInPlainWords() throws IOException {
        assertEquals(0, Cli.run(home, "run", "--quiet", tasks.toString()).exit());
        String id = onlyRunId();
        Path record = home.resolve("runs").resolve(id).resolve("run.json");
        Files.writeString(record, "{\"run_id\": \"" + id + "\", \"tasks\": [");
        Cli.Result results = Cli.run(home, "results", id);
        assertOneLine(results, record + ": the run record is damaged (not valid JSON at line 1");
        assertFalse(results.err().contains("REDACTED") || results.err().contains("StreamReadFeature"), results.err());

        Cli.Result runs = Cli.run(home, "runs");
        assertEquals(0, runs.exit(), runs.toString());
        assertTrue(runs.out().lines().anyMatch(l -> l.startsWith(id) && l.contains("damaged")), runs.out());
    }

    @Test
    void aDamagedRegistryDoesNotBlockARunThatUsesNoAgent() throws IOException {
        Path registry = new Home(home).registryFile();
        Files.createDirectories(registry.getParent());
        Files.writeString(registry, "{\"resources\": [{\"kind\": \"gadget\"}]}");
        Cli.Result r = Cli.run(home, "run", tasks.toString());
        assertEquals(0, r.exit(), r.toString());
        assertFalse(r.out().contains("dev.fanout") || r.err().contains("dev.fanout"), r.toString());
    }
}
