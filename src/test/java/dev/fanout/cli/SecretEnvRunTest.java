package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.exec.RunFixture;
import dev.fanout.exec.RunStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret env values reach the task and nothing fanout writes or prints. */
class SecretEnvRunTest {
    @TempDir
    Path dir;

    private Path home() {
        return dir.resolve("home");
    }

    /**
     * A tasks file with one task that writes what it saw of its env to {@code seen}, after {@code before};
     * a failure is final at once (no retries) so that resume has something to rerun.
     */
    private Path tasksFile(String before) throws IOException {
        ObjectNode task = RunFixture.task(
                "use", before + "printf '%s %s %s' \"$API_TOKEN\" \"$MY_CRED\" \"$MODE\" > " + RunFixture.q(seen()));
        ObjectNode env = task.putObject("env");
        env.put("API_TOKEN", "abc123");
        env.put("MY_CRED", "hunter2");
        env.put("MODE", "visible");
        return RunFixture.write(
                dir.resolve("tasks.json"),
                RunFixture.file(RunFixture.config("secret_env", List.of("my_cred"), "max_retries", 0), task));
    }

    private Path seen() {
        return dir.resolve("seen.txt");
    }

    /** Every file under the home that holds {@code text}. */
    private List<Path> filesHolding(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(home())) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> {
                        try {
                            return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)
                                    .contains(new String(needle, StandardCharsets.ISO_8859_1));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }

    private Path batch(String... lines) throws IOException {
        return Files.writeString(dir.resolve("b.fan"), String.join("\n", lines) + "\n");
    }

    @Test
    void theTaskGetsItsSecretsButNoRecordSnapshotOrOutputHoldsThem() throws Exception {
        Path file = tasksFile("");
        Cli.Result r = Cli.run(
                home(),
                "-f",
                batch("load " + file, "tasks --json", "run --json", "save night", "tasks")
                        .toString());

        assertEquals(0, r.exit(), r.toString());
        assertEquals("abc123 hunter2 visible", Files.readString(seen()), "the task saw the real values");
        assertEquals(List.of(), filesHolding("abc123"), "no file under the home holds API_TOKEN's value");
        assertEquals(List.of(), filesHolding("hunter2"), "nor that of MY_CRED, listed in secret_env");
        assertFalse(r.out().contains("abc123") || r.out().contains("hunter2"), r.out());
        assertFalse(r.err().contains("abc123") || r.err().contains("hunter2"), r.err());
        assertTrue(r.out().contains("\"API_TOKEN\" : \"***\""), r.out());
        assertTrue(r.out().contains("\"MODE\" : \"visible\""), "other values are kept: " + r.out());
        String snapshot = Files.readString(home().resolve("sessions/night.json"));
        assertTrue(snapshot.contains("\"MY_CRED\" : \"***\""), snapshot);
    }

    @Test
    void resumeReadsTheSecretsAgainFromTheTasksFile() throws Exception {
        Path marker = dir.resolve("ready");
        Path file = tasksFile("test -e " + RunFixture.q(marker) + " && ");
        Cli.Result first = Cli.run(home(), "run", file.toString());
        assertEquals(1, first.exit(), first.toString());
        Files.createFile(marker);
        String runId = new RunStore(home().resolve("runs")).latest();
        assertTrue(Files.readString(home().resolve("runs").resolve(runId).resolve("run.json"))
                .contains("\"API_TOKEN\" : \"***\""));

        Cli.Result resumed = Cli.run(home(), "run", "--resume", runId);

        assertEquals(0, resumed.exit(), resumed.toString());
        assertEquals("abc123 hunter2 visible", Files.readString(seen()));
        assertEquals(List.of(), filesHolding("abc123"));
    }

    @Test
    void resumeRefusesNamingTheTaskAndVariableWhenTheTasksFileIsGone() throws Exception {
        Path file = tasksFile("false && ");
        assertEquals(1, Cli.run(home(), "run", file.toString()).exit());
        String runId = new RunStore(home().resolve("runs")).latest();
        Files.delete(file);

        Cli.Result resumed = Cli.run(home(), "run", "--resume", runId);

        assertEquals(2, resumed.exit(), resumed.toString());
        assertEquals(1, resumed.errLines().size(), resumed.err());
        String line = resumed.errLines().get(0);
        assertTrue(line.contains("run " + runId) && line.contains("task 'use'") && line.contains("API_TOKEN"), line);
        assertTrue(line.contains("run the tasks file again"), line);
        assertFalse(Files.exists(seen()), "the task did not run with *** for a value");
    }

    @Test
    void aSessionRestoredFromItsSnapshotRunsWithTheSecretsOfItsTasksFile() throws Exception {
        Path file = tasksFile("");
        assertEquals(
                0,
                Cli.run(home(), "-f", batch("load " + file, "save keep").toString())
                        .exit());

        Cli.Result r =
                Cli.run(home(), "-f", batch("restore keep", "run --quiet").toString());

        assertEquals(0, r.exit(), r.toString());
        assertEquals("abc123 hunter2 visible", Files.readString(seen()));
        assertEquals(List.of(), filesHolding("abc123"));
    }
}
