package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.task.BadTaskFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad input through the real command line: exit 2, one {@code error:} line, nothing written. */
class CliBadInputTest {
    private static final String PREVIOUS = "{\"previous\": \"analysis\"}\n";

    @TempDir
    Path dir;

    Path home;
    Path output;

    @BeforeEach
    void previousOutput() throws IOException {
        home = dir.resolve("home");
        output = Files.createDirectories(dir.resolve("out")).resolve("analysis.json");
        Files.writeString(output, PREVIOUS);
    }

    static Stream<BadTaskFile> cases() {
        return BadTaskFile.all();
    }

    private void assertOneErrorLine(Cli.Result r, String expected) {
        assertEquals(2, r.exit(), r.toString());
        assertEquals(List.of("error: " + expected), r.errLines(), r.toString());
    }

    private void assertOutputUntouched() throws IOException {
        assertEquals(PREVIOUS, Files.readString(output));
        try (Stream<Path> files = Files.list(output.getParent())) {
            assertEquals(List.of(output), files.toList(), "no temporary file is left beside the output");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyzeGivesOneLineAndLeavesTheOutputAlone(BadTaskFile bad) throws IOException {
        Path file = bad.create(dir);
        Cli.Result r = Cli.run(home, "analyze", file.toString(), "--output", output.toString());
        assertOneErrorLine(r, file + bad.expected());
        assertEquals("", r.out());
        assertOutputUntouched();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"detect", "graph"})
    void detectAndGraphGiveTheSameLine(String command) throws IOException {
        BadTaskFile cycle = BadTaskFile.all()
                .filter(c -> c.name().equals("two-task cycle"))
                .findFirst()
                .orElseThrow();
        Path file = cycle.create(dir);
        assertOneErrorLine(Cli.run(home, command, file.toString()), file + cycle.expected());
    }

    @Test
    void aBrokenHomeConfigIsOneLine() throws IOException {
        Files.createDirectories(home);
        Files.writeString(home.resolve("config.json"), "{\"max_parallel_tasks\": \"ten\"}");
        Cli.Result r = Cli.run(home, "analyze", "examples/ten-tasks.json", "--output", output.toString());
        assertOneErrorLine(
                r,
                home.resolve("config.json")
                        + ":1:2: config key 'max_parallel_tasks' must be a whole number, not the string \"ten\"");
        assertOutputUntouched();
    }

    @Test
    void badFlagsAreOneLine() throws IOException {
        String tasks = "examples/ten-tasks.json";
        assertOneErrorLine(
                Cli.run(home, "analyze", tasks, "-c", "max_paralel_tasks=4", "--output", output.toString()),
                "command-line flag: unknown config key 'max_paralel_tasks' (did you mean 'max_parallel_tasks'?)");
        assertOneErrorLine(
                Cli.run(home, "analyze", tasks, "-c", "max_parallel_tasks=four"),
                "command-line flag: config key 'max_parallel_tasks' must be a whole number, not 'four'");
        assertOneErrorLine(
                Cli.run(home, "analyze", tasks, "--jobs", "0", "--output", output.toString()),
                "--jobs must be at least 1, not 0");
        assertOneErrorLine(
                Cli.run(home, "graph", tasks, "--format", "svg"),
                "unknown graph format 'svg'; use text, dot or mermaid");
        assertOneErrorLine(Cli.run(home, "analyze"), "no tasks: give a tasks file, or 'load' one first");
        assertOutputUntouched();
    }

    @Test
    void anOutputThatCannotBeWrittenIsOneLine() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        assertOneErrorLine(
                Cli.run(home, "analyze", "examples/ten-tasks.json", "--output", folder.toString()),
                "--output " + folder + " is a folder; name a file to write the analysis to");
        Path underAFile = output.resolve("x.json");
        Cli.Result r = Cli.run(home, "analyze", "examples/ten-tasks.json", "--output", underAFile.toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertEquals(
                "error: cannot write --output " + underAFile + ": " + output + " is a file, not a folder",
                r.errLines().get(0));
        assertOutputUntouched();
    }

    @Test
    void verboseAddsTheTraceAfterTheLine() throws IOException {
        BadTaskFile cycle = BadTaskFile.all()
                .filter(c -> c.name().equals("two-task cycle"))
                .findFirst()
                .orElseThrow();
        Path file = cycle.create(dir);
        Cli.Result r = Cli.run(home, "--verbose", "analyze", file.toString());
        assertEquals(2, r.exit());
        assertEquals("error: " + file + cycle.expected(), r.errLines().get(0));
        assertTrue(r.errLines().size() > 3, r.toString());
        assertTrue(r.err().contains("at dev.fanout.graph.TaskGraph"), r.toString());
    }

    @Test
    void aMalformedMapOptionSaysOptionOnce() {
        Cli.Result r = Cli.run(home, "run", "--set", "x");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("Value for option '--set'"), r.toString());
        assertTrue(!r.err().contains("option option"), r.toString());
    }

    @Test
    void anUnknownOneLetterOptionSuggestsNoOtherLetter() {
        Cli.Result r = Cli.run(home, "save", "-x");
        assertOneErrorLine(r, "unknown option '-x' (see 'fanout save --help')");
    }

    @Test
    void aTasksFileGivenAsTheCommandSuggestsRunningIt() {
        Cli.Result r = Cli.run(home, "examples/demo.json");
        assertOneErrorLine(
                r, "unknown command 'examples/demo.json'; to run a tasks file: fanout run examples/demo.json");
    }

    @Test
    void workersWithNoClusterSaysWhereALastingClusterSettingGoes() {
        Cli.Result r = Cli.run(home, "workers");
        assertOneErrorLine(
                r,
                "no cluster to ask: give --cluster HOST:PORT, or \"cluster_members\": [\"HOST:PORT\"] in "
                        + home.resolve("config.json"));
    }
}
