package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12.16: the script 'fanout completion' prints, sourced in a real bash and driven as bash
 * drives it (COMP_WORDS, COMP_CWORD), completes names that exist when Tab is pressed.
 */
class BashCompletionTest {
    @TempDir
    Path dir;

    private Path fanout;
    private Path script;

    private Path home() {
        return dir.resolve("home");
    }

    @BeforeEach
    void install() throws IOException {
        // a 'fanout' on disk, as scripts/install links one, running this build
        fanout = dir.resolve("bin/fanout");
        Files.createDirectories(fanout.getParent());
        Files.writeString(
                fanout,
                "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                        + System.getProperty("java.class.path") + "' " + Main.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(fanout, PosixFilePermissions.fromString("rwxr-xr-x"));
        Cli.Result generated = Cli.run(home(), "completion");
        assertEquals(0, generated.exit(), generated.toString());
        script = Files.writeString(dir.resolve("fanout.bash"), generated.out());
    }

    /** What bash offers for the last of {@code words} (the words after 'fanout'). */
    private List<String> complete(String... words) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "bash",
                "-c",
                "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _fanout;"
                        + " printf '%s\\n' \"${COMPREPLY[@]}\"",
                "bash",
                script.toString(),
                fanout.toString(),
                "--home",
                home().toString()));
        command.addAll(List.of(words));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }

    private void batch(String... lines) throws IOException {
        Path file = Files.writeString(dir.resolve("lines.fan"), String.join("\n", lines) + "\n");
        Cli.Result r = Cli.run(home(), "-f", file.toString());
        assertEquals(0, r.exit(), r.toString());
    }

    @Test
    void theStrategyOptionOffersStrategiesAndNotSessionNames() throws Exception {
        batch("task add --id a --command true", "save my-session");

        List<String> offered = complete("merge", "--strategy", "");

        assertTrue(offered.containsAll(List.of("testing", "search", "auto")), offered.toString());
        assertFalse(offered.contains("my-session"), offered.toString());
        assertEquals(List.of("testing"), complete("merge", "--strategy", "tes"));
    }

    @Test
    void runIdsAndSessionNamesAreThoseThatExistWhenTabIsPressed() throws Exception {
        // both made after the completion script was generated
        assertEquals(0, Cli.run(home(), "exec", "--task-id", "t", "--", "true").exit());
        String runId = FanoutProcess.runDir(home()).orElseThrow().getFileName().toString();
        batch("task add --id a --command true", "save later-session");

        assertEquals(List.of(runId), complete("results", ""));
        assertEquals(List.of(runId), complete("merge", "--run", ""));
        assertTrue(complete("restore", "").contains("later-session"));
        assertTrue(complete("--session", "").contains("later-session"));
    }

    @Test
    void taskIdsComeFromTheSessionNamedOnTheLine() throws Exception {
        batch("task add --id alpha --command true", "task add --id beta --command true", "save work");

        assertEquals(List.of("alpha", "beta"), complete("--session", "work", "task", "remove", ""));
    }

    @Test
    void commandsAndOptionsComplete() throws Exception {
        assertEquals(List.of("run", "runs"), complete("ru"));
        assertTrue(complete("run", "--ha").contains("--halt"));
    }
}
