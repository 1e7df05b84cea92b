package dev.fanout.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskOutputTest {
    @TempDir
    Path dir;

    @Test
    void readsAResultFileThatIsJson() throws IOException {
        Path file = Files.writeString(dir.resolve("result.json"), "{\"passed\": 3}");
        TaskOutput o = TaskOutput.read("t1", "testing", "succeeded", file, null, dir);
        assertTrue(o.hasResult());
        assertEquals(3, o.result().get("passed").asInt());
        assertFalse(o.resultUnreadable());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n"})
    void anEmptyResultFileMeansTheTaskReturnedNothing(String content) throws IOException {
        Path file = Files.writeString(dir.resolve("result.json"), content);
        TaskOutput o = TaskOutput.read("t1", "testing", "succeeded", file, null, dir);
        assertFalse(o.hasResult());
        assertFalse(o.resultUnreadable());
    }

    @Test
    void aMissingResultFileMeansTheTaskReturnedNothing() {
        TaskOutput o = TaskOutput.read("t1", null, "succeeded", dir.resolve("none.json"), null, dir);
        assertFalse(o.hasResult());
        assertNull(o.resultError());
        assertEquals("untyped", o.type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"passed: 3", "{\"passed\": 3", "{\"passed\": 3} trailing words", "{'a': 1}"})
    void aResultFileThatIsNotJsonGivesNoResultAndAnErrorWithItsPosition(String content) throws IOException {
        Path file = Files.writeString(dir.resolve("result.json"), "\n" + content);
        TaskOutput o = TaskOutput.read("t1", "testing", "succeeded", file, null, dir);
        assertFalse(o.hasResult());
        assertTrue(o.resultError().startsWith(file + " is not JSON at line 2, column "), o.resultError());
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirectory() {
        TaskOutput o = new TaskOutput("t", "build", "succeeded", null, null, null, dir);
        assertEquals(dir.resolve("a/b.jar"), o.resolve("a/b.jar"));
        assertEquals(Path.of("/abs/c.jar"), o.resolve("/abs/c.jar"));
    }
}
