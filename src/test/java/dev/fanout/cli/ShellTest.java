package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.stream.Stream;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the real shell through JLine's external terminal: keys in, screen out. */
class ShellTest {
    @TempDir
    Path dir;

    private PipedOutputStream keys;
    private ByteArrayOutputStream screen;
    private Terminal terminal;
    private CompletableFuture<Integer> shell;
    private volatile boolean windowClosed;

    @BeforeEach
    void start() throws IOException {
        keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys, 64 * 1024);
        screen = new ByteArrayOutputStream();
        terminal = new ExternalTerminal("test", "xterm-256color", in, screen, StandardCharsets.UTF_8) {
            @Override
            public org.jline.terminal.Size getSize() {
                if (windowClosed) {
                    // what a POSIX terminal's size query does once its window is gone
                    throw new java.io.IOError(new IOException("Error calling ioctl(TIOCGWINSZ): return code is -1"));
                }
                return super.getSize();
            }
        };
        terminal.setSize(new org.jline.terminal.Size(120, 40));
        CliContext ctx = new CliContext(
                Map.of("TERM", "xterm-256color", "NO_COLOR", "1"),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                true);
        ctx.homeOverride(dir.resolve("home"));
        Shell s = new Shell(ctx, terminal);
        shell = CompletableFuture.supplyAsync(s::run);
        awaitScreen("fanout> ");
    }

    @AfterEach
    void stop() throws Exception {
        // the shell saves its session as it leaves: let it finish before the folder goes
        if (!shell.isDone()) {
            type("\u0015exit\r");
            shell.get(20, TimeUnit.SECONDS);
        }
        terminal.close();
    }

    @Test
    void tabCompletesATaskIdOfTheSession() throws Exception {
        Path tasks = write(
                "tasks.json",
                "[{\"id\": \"alpha-build\", \"command\": \"true\"}," + " {\"id\": \"beta\", \"command\": \"true\"}]");
        type("load " + tasks + "\r");
        awaitScreen("the session has 2 tasks");
        type("task remove alp\t");
        awaitScreen("pha-build");
        type("\r"); // "alp" alone names no task: removed means Tab completed it
        awaitScreen("removed alpha-build");
    }

    @Test
    void ctrlCDuringARunStopsItAndReturnsToThePrompt() throws Exception {
        Path tasks = write("long.json", "[{\"id\": \"long\", \"command\": \"sleep 30\", \"retries\": 0}]");
        type("run " + tasks + "\r");
        Path runs = dir.resolve("home/runs");
        awaitScreen("▸ long");
        long started = System.nanoTime();
        type("\u0003");
        awaitScreen("interrupted in");
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10), "the run stopped promptly");
        JsonNode record =
                new ObjectMapper().readTree(runJsonWith(runs, "run_id").toFile());
        assertEquals("interrupted", record.get("status").asText());
        assertEquals("cancelled", record.at("/results/long/status").asText());
        type("status\r");
        awaitScreen("runs: 1, last ");
    }

    @Test
    void aDomainErrorsHintNamesTheCommandAsTheShellTypesIt() throws Exception {
        type("results nosuch\r");
        awaitScreen("; 'runs' lists the runs");
        assertFalse(screenText().contains("'fanout runs'"), screenText());
    }

    @Test
    void ctrlDLeavesAndSavesTheSession() throws Exception {
        Path tasks = write("t.json", "[{\"id\": \"one\", \"command\": \"true\"}]");
        type("load " + tasks + "\r");
        awaitScreen("the session has 1 task");
        type("\u0004");
        assertEquals(0, shell.get(10, TimeUnit.SECONDS));
        JsonNode saved = new ObjectMapper()
                .readTree(dir.resolve("home/sessions/last.json").toFile());
        assertEquals("one", saved.at("/tasks/tasks/0/id").asText());
    }

    @Test
    void anErrorPrintsOneLineAndTheSessionGoesOn() throws Exception {
        type("lod tasks.json\r");
        awaitScreen("unknown command 'lod'; did you mean 'load'?");
        type("set max_parallel_tasks 3\r");
        awaitScreen("max_parallel_tasks = 3 for this session");
    }

    @Test
    void aTerminalThatGoesAwayEndsTheShellAsCtrlDDoesSavingTheSession() throws Exception {
        Path tasks = write("tasks.json", "[{\"id\": \"kept\", \"command\": \"true\"}]");
        type("load " + tasks + "\r");
        awaitScreen("the session has 1 task");

        windowClosed = true;
        type("\r"); // the next prompt asks the terminal its size

        assertEquals(0, shell.get(20, TimeUnit.SECONDS));
        assertTrue(Files.exists(dir.resolve("home/sessions/last.json")), "autosaved");
    }

    @Test
    void aThreeLineStrategyTypedWithContinuationPromptsIsWhatMergeUses() throws Exception {
        Path tasks =
                write("t.json", "[{\"id\": \"a\", \"command\": \"true\"}, {\"id\": \"b\", \"command\": \"true\"}]");
        type("run --quiet " + tasks + "\r");
        awaitPrompts(2);
        type("js fanout.registerMerge('count', function (outputs) {\r");
        awaitScreen("...> ");
        type("  return {tasks: Object.keys(outputs).length};\r");
        await(() -> count(screenText(), "...> ") >= 2);
        type("})\r");
        awaitScreen("registered merge strategy 'count'");
        type("merge --strategy count\r");
        await(() -> screenText().replace(" ", "").contains("\"tasks\":2"));
    }

    @Test
    void upRecallsAMultiLineEntryWholeAsOneHistoryItem() throws Exception {
        type("js ['a',\r");
        awaitScreen("...> ");
        type("'b',\r");
        type("'c'].join('+')\r");
        awaitScreen("\"a+b+c\"");
        awaitPrompts(2);
        type("\u0010\r"); // Ctrl-P (the previous entry, as ↑), then Enter
        await(() -> count(screenText(), "\"a+b+c\"") == 2);
        String history = Files.readString(dir.resolve("home/history"));
        assertEquals(1, count(history, "join('+')"), history);
    }

    @Test
    void ctrlCAbandonsAnEntryHalfTyped() throws Exception {
        // without the hints below the line, whose redrawing around Ctrl-C this test is not about
        type("set hints off\r");
        awaitScreen("hints = off for this shell");
        type("js [1,\r");
        awaitScreen("...> ");
        // Ctrl-C reaches the shell as a signal, ahead of keys still queued: the entry is sent
        // only once the shell has echoed it, as a person sees it before pressing Ctrl-C
        type("2");
        await(() -> {
            String screen = screenText();
            return screen.substring(screen.lastIndexOf("...> ")).contains("2");
        });
        type("\u0003");
        awaitPrompts(3);
        type("js 40 + 2\r");
        awaitScreen("42");
        assertFalse(screenText().contains("error"), screenText());
    }

    @Test
    void jsAloneSwitchesToJavaScriptModeUntilDotExitOrCtrlD() throws Exception {
        type("js\r");
        awaitScreen("js> ");
        type("var x = 20\r");
        await(() -> count(screenText(), "js> ") >= 2);
        type("x * 2 +\r");
        awaitScreen("...> ");
        type("2\r");
        awaitScreen("42");
        type(".exit\r");
        awaitScreen("back to fanout's commands");
        type("set max_parallel_tasks 3\r");
        awaitScreen("max_parallel_tasks = 3 for this session");
        type("js\r");
        await(() -> count(screenText(), "JavaScript mode") == 2);
        type("\u0004");
        await(() -> count(screenText(), "back to fanout's commands") == 2);
        assertFalse(shell.isDone(), "Ctrl-D left JavaScript mode, not the shell");
    }

    @Test
    void tabCompletesTheFanoutApiInJavaScript() throws Exception {
        type("js fanout.re\t");
        awaitScreen("registerMerge");
        awaitScreen("results");
        awaitScreen("registerPipeline");
        type("\u0015js\r");
        awaitScreen("js> ");
        type("var found = {alpha: 4242, beta: 2}\r");
        await(() -> count(screenText(), "js> ") >= 2);
        type("found.al\t");
        awaitScreen("pha");
        type("\r"); // found.al alone is undefined: 4242 means Tab completed it
        await(() -> screenText().lastIndexOf("4242") > screenText().lastIndexOf("found."));
        type(".exit\r");
        awaitScreen("back to fanout's commands");
    }

    @Test
    void theHintBelowTheLineShowsTheOptionBeingTyped() throws Exception {
        type("run --jo");
        awaitScreen("tasks at once (default: max_parallel_tasks)");
        type("\u0015");
    }

    @Test
    void helpFitsTheTerminalListsExitAndSaysHowToQuote() throws Exception {
        terminal.setSize(new org.jline.terminal.Size(160, 40));
        type("help\r");
        awaitScreen("Type 'help COMMAND'");
        String help = screenText();
        assertTrue(help.contains("  exit "), help);
        assertTrue(help.contains("Quoting:"), help);
        assertFalse(help.contains("--home"), help);
        assertTrue(
                help.contains("Run a tasks file: analyse, decide parallel or sequential, run, summarise."),
                "one line at 160 columns: " + help);
    }

    @Test
    void aQuoteInsideAnArgumentWorksAsHelpSays() throws Exception {
        type("task add --id q --command \"echo \\\"hi\\\"\"\r");
        awaitPrompts(2);
        type("js fanout.tasks()[0].command\r");
        awaitScreen("\"echo \\\"hi\\\"\"");
    }

    @Test
    void aHistoryFileThatCannotBeWrittenIsOneLineNotAStackTrace() throws Exception {
        type("exit\r");
        shell.get(20, TimeUnit.SECONDS);
        terminal.close();
        Path history = dir.resolve("home/history");
        Files.deleteIfExists(history);
        Files.createDirectories(history); // unwritable as a file, even for root
        java.util.List<java.util.logging.LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger jline = java.util.logging.Logger.getLogger("org.jline");
        jline.addHandler(handler);
        try {
            start();
            awaitScreen("history is not kept this time: cannot write " + history);
            type("status\r");
            awaitScreen("session last");
            type("exit\r");
            assertEquals(0, shell.get(20, TimeUnit.SECONDS));
            assertTrue(
                    logged.stream()
                            .noneMatch(r -> r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()),
                    "JLine logged no failure (a stack trace on stderr): "
                            + logged.stream().map(r -> r.getMessage()).toList());
        } finally {
            jline.removeHandler(handler);
        }
    }

    @Test
    void historyThatCannotBeSavedMidSessionIsANoteAndTheSessionGoesOn() throws Exception {
        // what reaches the root logger is what java.util.logging prints on stderr, trace and all
        java.util.List<java.util.logging.LogRecord> printed = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler root = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLoggerName() != null && record.getLoggerName().startsWith("org.jline")) {
                    printed.add(record);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger.getLogger("").addHandler(root);
        try {
            Path history = dir.resolve("home/history");
            type("status\r");
            awaitScreen("session last");
            Files.deleteIfExists(history);
            Files.createDirectories(history); // JLine's next save of the history fails
            type("tasks\r");
            awaitScreen("note: Failed to save history");
            type("set max_parallel_tasks 3\r");
            awaitScreen("max_parallel_tasks = 3 for this session");
            assertTrue(printed.isEmpty(), "nothing for stderr: " + printed.size() + " record(s)");
        } finally {
            java.util.logging.Logger.getLogger("").removeHandler(root);
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private void type(String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private void awaitPrompts(int n) {
        await(() -> count(screenText(), "fanout> ") >= n);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private String screenText() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    private void awaitScreen(String text) {
        await(() -> screenText().contains(text), () -> "screen never showed '" + text + "':\n" + screenText());
    }

    private void await(BooleanSupplier condition) {
        await(condition, () -> "condition not met; screen:\n" + screenText());
    }

    /** Polls a condition that no event announces (what a terminal shows), up to a bound. */
    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> message) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message.get());
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    private static Path runJsonWith(Path runs, String text) {
        if (!Files.isDirectory(runs)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.map(d -> d.resolve("run.json"))
                    .filter(Files::exists)
                    .filter(f -> {
                        try {
                            return Files.readString(f).contains(text);
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .findFirst()
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
