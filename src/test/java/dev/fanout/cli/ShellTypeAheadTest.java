package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12.22: a key typed while a command runs, or right after Ctrl-C, lands on the next
 * prompt's line, not echoed onto the old one. JLine's external terminal echoes as a tty does.
 */
class ShellTypeAheadTest {
    private static final String PROMPT = "fanout> ";

    @TempDir
    Path dir;

    private PipedOutputStream keys;
    private ByteArrayOutputStream screen;
    private Terminal terminal;
    private CompletableFuture<Integer> shell;

    @BeforeEach
    void start() throws IOException {
        keys = new PipedOutputStream();
        screen = new ByteArrayOutputStream();
        terminal = new ExternalTerminal(
                "test", "xterm-256color", new PipedInputStream(keys, 64 * 1024), screen, StandardCharsets.UTF_8);
        terminal.setSize(new org.jline.terminal.Size(120, 40));
        CliContext ctx = new CliContext(
                Map.of("TERM", "xterm-256color", "NO_COLOR", "1"),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                true);
        ctx.homeOverride(dir.resolve("home"));
        Shell s = new Shell(ctx, terminal);
        shell = CompletableFuture.supplyAsync(s::run);
        await(() -> screenText().contains(PROMPT));
    }

    @AfterEach
    void stop() throws Exception {
        if (!shell.isDone()) {
            type("\u0015exit\r");
            shell.get(20, TimeUnit.SECONDS);
        }
        terminal.close();
    }

    /** A task that says it started, then waits until the test lets it go. */
    private Path waitingTask() throws IOException {
        String command =
                "touch " + dir.resolve("started") + "; while [ ! -e " + dir.resolve("go") + " ]; do sleep 0.05; done";
        return Files.writeString(
                dir.resolve("wait.json"), "[{\"id\": \"waiting\", \"retries\": 0, \"command\": \"" + command + "\"}]");
    }

    @Test
    void aKeyTypedDuringARunAppearsOnTheNextPromptOnly() throws Exception {
        type("run " + waitingTask() + "\r");
        await(() -> Files.exists(dir.resolve("started")));
        int before = screenText().length();

        type("Q");
        Files.createFile(dir.resolve("go"));

        await(() -> screenText().endsWith(PROMPT + "Q"));
        String shown = screenText().substring(before);
        String beforePrompt = shown.substring(0, shown.lastIndexOf(PROMPT));
        assertFalse(beforePrompt.contains("Q"), "echoed on the old line:\n" + shown);
    }

    @Test
    void aKeyTypedRightAfterCtrlCAppearsOnTheNextPromptOnly() throws Exception {
        type("run " + waitingTask() + "\r");
        await(() -> Files.exists(dir.resolve("started")));
        int before = screenText().length();

        type("\u0003Q");

        await(() -> screenText().contains("interrupted in") && screenText().endsWith(PROMPT + "Q"));
        String shown = screenText().substring(before);
        assertFalse(shown.substring(0, shown.lastIndexOf(PROMPT)).contains("Q"), shown);
        assertTrue(shown.contains("interrupted"), shown);
    }

    private void type(String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private String screenText() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    /** Polls a condition that no event announces (what a terminal shows), up to a bound. */
    private void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met; screen:\n" + screenText());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
