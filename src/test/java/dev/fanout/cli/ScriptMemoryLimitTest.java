package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.ProcessTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script that fills memory is stopped with one line naming the limit, in a real JVM with a small
 * heap: before, the OutOfMemoryError killed the engine's threads and fanout hung (issue 12.7).
 */
@ProcessTest
class ScriptMemoryLimitTest {
    @TempDir
    Path dir;

    @Test
    void aScriptThatFillsTheHeapIsStoppedNamingTheLimitAndFanoutEnds() throws Exception {
        try (FanoutProcess p = FanoutProcess.start(
                dir.resolve("logs"),
                List.of("-Xmx256m"), // the heap of the report
                "--home",
                dir.resolve("home").toString(),
                "js",
                "var a = []; var s = 'x'.repeat(100000); for (var i = 0; ; i++) a.push(s + i)")) {
            int exit = p.await(Duration.ofMinutes(2));
            String err = p.stderr();
            assertEquals(1, exit, err);
            List<String> lines = err.lines().filter(l -> l.startsWith("error:")).toList();
            assertEquals(1, lines.size(), err);
            assertTrue(lines.get(0).contains("MB (script_memory_mb)"), err);
            assertTrue(!err.contains("OutOfMemoryError"), err);
        }
    }
}
