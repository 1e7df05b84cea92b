package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FanoutCommandTest {
    @TempDir
    Path home;

    @Test
    void versionPrintsTheVersion() {
        Cli.Result r = Cli.run(home, "--version");
        assertEquals(0, r.exit());
        // classes run from target/classes have no manifest: "dev"; the jar says its Maven version
        assertTrue(r.out().matches("fanout (dev|\\d+\\.\\d+\\.\\d+.*)\\R"), r.out());
        assertEquals("", r.err());
    }

    /** The launcher's short way for a bare --version prints exactly what the command does. */
    @Test
    void aBareVersionPrintsWhatTheVersionOptionPrints() {
        for (String flag : List.of("--version", "-V")) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            assertTrue(Main.versionOnly(new String[] {flag}, new java.io.PrintStream(bytes, true)));
            assertEquals(Cli.run(home, flag).out(), bytes.toString().replace(System.lineSeparator(), "\n"));
        }
        assertFalse(Main.versionOnly(new String[] {"--version", "--verbose"}, System.out));
        assertFalse(Main.versionOnly(new String[] {"run", "--version"}, System.out));
    }

    @Test
    void helpListsTheCommandsAndTheGlobalOptions() {
        Cli.Result r = Cli.run(home, "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: fanout "), r.out());
        for (String word : List.of("analyze", "detect", "graph", "config", "--home", "--verbose", "--version")) {
            assertTrue(r.out().contains(word), word + " in\n" + r.out());
        }
        assertTrue(r.out().endsWith("Run 'fanout COMMAND --help' for a command's options.\n"), r.out());
        Cli.Result none = Cli.run(home);
        assertEquals(0, none.exit(), "no command and no terminal: shell lines from standard input, here none");
        assertEquals("", none.out() + none.err());
    }

    @Test
    void aCommandsHelpShowsItsOptions() {
        Cli.Result r = Cli.run(home, "analyze", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: fanout analyze "), r.out());
        assertTrue(r.out().contains("--output=FILE"), r.out());
        assertTrue(r.out().contains("--jobs=N"), r.out());
        assertFalse(r.out().contains("COMMAND --help"), r.out());
        assertEquals(0, Cli.run(home, "config", "show", "--help").exit());
    }

    /** Regression: subcommands had no --help, though every usage error pointed to 'fanout analyze --help'. */
    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("analyze", "detect", "graph", "config")) {
            Cli.Result r = Cli.run(home, command, "-h");
            assertEquals(0, r.exit(), command + ": " + r);
            assertTrue(r.out().startsWith("Usage: fanout " + command), r.out());
        }
    }

    @Test
    void anUnknownCommandSuggestsTheClosest() {
        Cli.Result r = Cli.run(home, "analyse", "examples/ten-tasks.json");
        assertEquals(2, r.exit());
        assertEquals(List.of("error: unknown command 'analyse'; did you mean 'analyze'?"), r.errLines());
        Cli.Result far = Cli.run(home, "frobnicate");
        assertEquals(
                List.of("error: unknown command 'frobnicate'; 'fanout --help' lists the commands"), far.errLines());
    }

    @Test
    void anUnknownOptionSuggestsTheClosest() {
        Cli.Result r = Cli.run(home, "analyze", "examples/ten-tasks.json", "--jsno");
        assertEquals(2, r.exit());
        assertEquals(
                List.of("error: unknown option '--jsno'; did you mean '--json'? (see 'fanout analyze --help')"),
                r.errLines());
        Cli.Result top = Cli.run(home, "--verbos");
        assertEquals(
                List.of("error: unknown option '--verbos'; did you mean '--verbose'? (see 'fanout --help')"),
                top.errLines());
        assertEquals("", r.out());
    }

    /** Regression: one-shot lines build only their command, and 'help' then listed only itself. */
    @Test
    void helpListsEveryCommand() {
        Cli.Result r = Cli.run(home, "help");
        for (String word : List.of("analyze", "run", "merge", "js", "load", "save", "resources")) {
            assertTrue(r.out().contains("  " + word + " "), word + " in\n" + r.out());
        }
        assertTrue(Cli.run(home, "help", "run").out().startsWith("Usage: fanout run"));
    }
}
