package dev.fanout.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanoutException;
import dev.fanout.LocatedException;
import dev.fanout.graph.TaskGraph;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TaskFileBadInputTest {
    @TempDir
    Path dir;

    static Stream<BadTaskFile> readerAndGraphCases() {
        return BadTaskFile.all().filter(c -> c.stage() != BadTaskFile.Stage.CONFIG);
    }

    /** Loading as the session does: read and validate, then build the graph (which finds cycles). */
    private static void load(Path file) {
        TaskGraph.of(new TaskFileReader().read(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readerAndGraphCases")
    void everyBrokenFileGivesItsOneLine(BadTaskFile bad) throws IOException {
        Path file = bad.create(dir);
        FanoutException e = assertThrows(FanoutException.class, () -> load(file));
        assertEquals(file + bad.expected(), e.getMessage());
        assertEquals(FanoutException.BAD_INPUT, e.exitCode());
        assertEquals(1, e.getMessage().lines().count(), "one line");
        if (bad.stage() == BadTaskFile.Stage.READ) {
            assertTrue(e instanceof LocatedException, "the reader finds it: " + e);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFiftyMegabyteFileReportsItsBrokenLastTaskByLine() throws IOException {
        Path file = dir.resolve("big.json");
        int tasks = 0;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("[\n");
            long size = 2;
            String padding = "x".repeat(300);
            while (size < 50_000_000) {
                String line = "{\"id\": \"t" + tasks + "\", \"description\": \"" + padding + "\", \"depends_on\": ["
                        + (tasks > 0 ? "\"t" + (tasks - 1) + "\"" : "") + "]},\n";
                out.write(line);
                size += line.length();
                tasks++;
            }
            out.write("{\"id\": \"last\", \"depends_on\": [\"t0\"], \"estimated_seconds\": -1}\n]\n");
        }
        assertTrue(Files.size(file) >= 50_000_000);
        LocatedException e = assertThrows(LocatedException.class, () -> new TaskFileReader().read(file));
        assertEquals(
                file + ":" + (tasks + 2) + ":38: task 'last': estimated_seconds must not be negative (got -1)",
                e.getMessage());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aFiftyMegabyteJsonPromptIsOneClearLine() throws IOException {
        Path file = dir.resolve("prompt.json");
        Files.writeString(
                file,
                "[{\"id\": \"write\", \"agent\": \"writer\",\n  \"prompt\": \"" + "y".repeat(50_000_000) + "\"}]");
        LocatedException e = assertThrows(LocatedException.class, () -> new TaskFileReader().read(file));
        assertEquals(
                file + ":2:3: task 'write': prompt: a text value is longer than 20000000 characters; "
                        + "keep large text (prompts, scripts) in a file and refer to it",
                e.getMessage());
    }

    /**
     * Regression: SnakeYAML is quadratic in a line's length; a 50 MB line took 14 minutes before
     * the limit. "At once" is proven by what was read, not by a clock: the reader gives up after
     * about the limit's worth of a 50 MB line.
     */
    @Test
    @Timeout(
            value = 3,
            unit = TimeUnit.MINUTES) // reading the limit's megabyte is seconds of CPU: slow on a loaded machine
    void aFiftyMegabyteYamlLineIsRefusedAtOnce() {
        byte[] head = "- id: write\n  agent: writer\n  prompt: \"".getBytes(StandardCharsets.US_ASCII);
        long size = 50_000_000L;
        long[] served = {0};
        InputStream line = new InputStream() {
            @Override
            public int read() {
                if (served[0] >= size) {
                    return -1;
                }
                long i = served[0]++;
                return i < head.length ? head[(int) i] : 'y';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served[0] >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - served[0]);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) read();
                }
                return n;
            }
        };
        LocatedException e =
                assertThrows(LocatedException.class, () -> new TaskFileReader().read("prompt.yaml", line, true));
        assertEquals(
                "prompt.yaml:3: the line is longer than 1000000 bytes, more than the YAML reader takes; "
                        + "break long text over lines (a | block) or keep it in a file",
                e.getMessage());
        assertTrue(served[0] < 2_000_000, "read " + served[0] + " bytes of the 50 MB line before refusing it");
    }

    @Test
    void aLongYamlTextOverManyLinesIsRead() throws IOException {
        Path file = dir.resolve("prompt.yaml");
        String line = "z".repeat(400_000);
        Files.writeString(file, "- id: write\n  agent: writer\n  prompt: |\n" + ("    " + line + "\n").repeat(3));
        TaskSet set = new TaskFileReader().read(file);
        assertEquals((line + "\n").repeat(3), set.get("write").prompt());
    }
}
