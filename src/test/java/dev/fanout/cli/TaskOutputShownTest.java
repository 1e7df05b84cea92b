package dev.fanout.cli;

import static dev.fanout.exec.RunFixture.config;
import static dev.fanout.exec.RunFixture.file;
import static dev.fanout.exec.RunFixture.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.exec.RunFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code fanout run} prints of its tasks' output: issue 12.9 (on a terminal) and 12.15. */
class TaskOutputShownTest {
    private static final String ESC = "\u001b";
    // a task that tries to set the title, clear the screen and move the cursor, and uses a colour
    private static final String HOSTILE = "printf '\\033]0;pwned\\007out-a \\033[31mred\\033[0m\\033[5;5H\\n';"
            + " printf '\\033]2;err-title\\033\\\\\\033[2J\\007boom\\n' >&2; exit 1";

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int fanout(boolean terminal, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", tmp.resolve("home").toString()));
        CliContext ctx = new CliContext(Console.of(
                        Map.of("TERM", "xterm-256color"),
                        InputStream.nullInputStream(),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        terminal)
                .withColumns(() -> 200));
        return CommandLineFactory.create(ctx).execute(all.toArray(String[]::new));
    }

    private String tasks(String... commands) throws IOException {
        var list = new ArrayList<com.fasterxml.jackson.databind.node.ObjectNode>();
        for (int i = 0; i < commands.length; i++) {
            list.add(i == 0 ? task("a", commands[i]) : task("b" + (i + 1), commands[i], "a"));
        }
        return RunFixture.write(
                        tmp.resolve("tasks.json"),
                        file(
                                config("max_retries", 0),
                                list.toArray(com.fasterxml.jackson.databind.node.ObjectNode[]::new)))
                .toString();
    }

    private static void assertNothingDrivesTheTerminal(String shown) {
        assertFalse(shown.contains("pwned"), shown);
        assertFalse(shown.contains("err-title"), shown);
        assertFalse(shown.contains("\u0007"), shown);
        assertFalse(shown.contains(ESC + "[2J"), shown);
        assertFalse(shown.contains(ESC + "[5;5H"), shown);
    }

    @Test
    void onATerminalGroupedOutputAndTheFailureSummaryLoseControlSequencesButKeepColours() throws IOException {
        int exit = fanout(true, "run", tasks(HOSTILE));

        String shown = out.toString() + err.toString();
        assertEquals(1, exit, shown);
        assertNothingDrivesTheTerminal(shown);
        assertTrue(shown.contains("out-a " + ESC + "[31mred" + ESC + "[0m"), shown);
        assertTrue(out.toString().contains("| " + ESC + "[0mboom"), "the summary's stderr tail: " + out);
        Path logs = FanoutProcess.runDir(tmp.resolve("home")).orElseThrow().resolve("tasks/a");
        assertTrue(
                Files.readString(logs.resolve("stdout.log"), StandardCharsets.UTF_8)
                        .contains(ESC + "]0;pwned\u0007"),
                "the log keeps the raw bytes");
        assertTrue(Files.readString(logs.resolve("stderr.log"), StandardCharsets.UTF_8)
                .contains(ESC + "[2J"));
    }

    @Test
    void onATerminalStreamedLinesLoseControlSequences() throws IOException {
        int exit = fanout(true, "run", "--output", "stream", tasks(HOSTILE));

        String shown = out.toString() + err.toString();
        assertEquals(1, exit, shown);
        assertNothingDrivesTheTerminal(shown);
        assertTrue(shown.contains("[a] " + ESC + "[0mout-a " + ESC + "[31mred"), shown);
    }

    @Test
    void onATerminalResultsLoseControlSequences() throws IOException {
        // U+009B (CSI as one C1 character) passes through JSON unescaped
        fanout(true, "run", "--quiet", tasks("printf '{\"msg\": \"\\302\\2332Jhi\"}' > \"$FANOUT_RESULT\""));
        out.getBuffer().setLength(0);

        assertEquals(0, fanout(true, "results"), err.toString());
        assertEquals(0, fanout(true, "results", "--task", "a"), err.toString());
        assertFalse(out.toString().contains("\u009b"), out.toString());
        assertTrue(out.toString().contains("\"msg\" : \"hi\""), out.toString());
    }

    @Test
    void whenOutputIsNotATerminalTaskOutputPassesThroughAsItIs() throws IOException {
        fanout(false, "run", tasks(HOSTILE));

        assertTrue(out.toString().contains(ESC + "]0;pwned\u0007"), out.toString());
    }

    @Test
    void groupedOutputWithoutAFinalNewlineEndsItsLineBeforeTheNextStatusLine() throws IOException {
        int exit = fanout(false, "run", "--sequential", tasks("printf 'no newline at end'", "true"));

        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().contains("no newline at end\n"), out.toString());
        assertTrue(out.toString().contains("\nstart   b2"), out.toString());
    }
}
