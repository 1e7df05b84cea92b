package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13: a domain error's hint names a command as data, and the cli words it once for where it
 * is shown: {@code 'fanout runs'} on a command line, {@code 'runs'} at the shell's prompt.
 */
class HintWordingTest {
    @TempDir
    Path home;

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("results", "; 'fanout run FILE' makes one", "; 'run FILE' makes one"),
                Arguments.of("results nosuch", "; 'fanout runs' lists the runs", "; 'runs' lists the runs"),
                Arguments.of("agent show nosuch", "; 'fanout agent list' shows them", "; 'agent list' shows them"),
                Arguments.of(
                        "cache show ab",
                        "; give at least its first 4 hex digits, as 'fanout cache list' shows them",
                        "; give at least its first 4 hex digits, as 'cache list' shows them"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void theSameErrorNamesTheCommandAsEachPlaceRunsIt(String line, String oneShotEnd, String shellEnd) {
        List<String> words = List.of(line.split(" "));

        Cli.Result oneShot = Cli.run(home, words.toArray(String[]::new));
        assertEquals(2, oneShot.exit(), oneShot.toString());
        assertEquals(1, oneShot.errLines().size(), oneShot.toString());
        String oneShotLine = oneShot.errLines().get(0);
        assertTrue(oneShotLine.startsWith("error: "), oneShotLine);
        assertTrue(oneShotLine.endsWith(oneShotEnd), oneShotLine + "|" + oneShotEnd);

        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(
                Map.of("TERM", "dumb"), new PrintWriter(new StringWriter()), new PrintWriter(err, true), false);
        ctx.homeOverride(home);
        ctx.inShell(true);
        LineRunner.Result atPrompt = new LineRunner(ctx).run(line);
        assertEquals(2, atPrompt.exitCode(), err.toString());
        String shellLine = err.toString().strip();
        assertTrue(shellLine.endsWith(shellEnd), shellLine);
        // the problem itself reads the same in both places; only the command's wording differs
        assertEquals(
                oneShotLine.substring(0, oneShotLine.length() - oneShotEnd.length()),
                shellLine.substring(0, shellLine.length() - shellEnd.length()));
    }
}
