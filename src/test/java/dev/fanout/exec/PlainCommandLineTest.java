package dev.fanout.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainCommandLineTest {
    @Test
    void aPlainLineRunsAsItsWords() {
        assertEquals(Optional.of(List.of("sleep", "0.1")), PlainCommandLine.words("sleep 0.1", Map.of()));
        assertEquals(Optional.of(List.of("true")), PlainCommandLine.words("  true ", Map.of()));
        assertEquals(
                Optional.of(List.of("make", "-j4", "CC=gcc", "build/out.o")),
                PlainCommandLine.words("make  -j4 CC=gcc build/out.o", Map.of()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "echo $HOME",
                "ls *.java",
                "a | b",
                "a; b",
                "a && b",
                "x > out",
                "cat < in",
                "echo 'quoted'",
                "echo \"q\"",
                "cd /tmp",
                "exit 3",
                "export A=1",
                "A=1 make",
                "echo hi",
                "sleep 1 &",
                "`date`",
                "a\\b",
                "ls ~",
                "if true",
                "wait",
                "source x",
                ". x"
            })
    void aLineThatNeedsAShellKeepsIt(String line) {
        assertTrue(PlainCommandLine.words(line, Map.of()).isEmpty(), line);
    }

    @Test
    void aTaskWithItsOwnPathKeepsTheShellThatWouldSearchIt() {
        assertTrue(PlainCommandLine.words("tool --check", Map.of("PATH", "/opt/tools"))
                .isEmpty());
    }
}
