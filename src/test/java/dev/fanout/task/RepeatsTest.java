package dev.fanout.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.LocatedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: {@code repeat: N} expands, as the file is read, into N independent copies of the task. */
class RepeatsTest {
    @TempDir
    Path tmp;

    private TaskSet read(String content) throws IOException {
        Path file = tmp.resolve("tasks.yaml");
        Files.writeString(file, content);
        return new TaskFileReader().read(file);
    }

    @Test
    void aRepeatedTaskBecomesNumberedCopiesAndItsDependentsWaitForEveryCopy() throws IOException {
        TaskSet set = read("""
                tasks:
                  - id: setup
                    command: "true"
                  - id: fix
                    agent: fake
                    prompt: fix it
                    depends_on: [setup]
                    env: {MODE: fast}
                    repeat: 3
                  - id: review
                    command: "true"
                    depends_on: [fix, setup]
                """);

        assertEquals(List.of("setup", "fix.1", "fix.2", "fix.3", "review"), set.ids());
        Task second = set.get("fix.2");
        assertEquals("fix it", second.prompt());
        assertEquals(List.of("setup"), second.dependsOn());
        assertEquals(Map.of("MODE", "fast", "FANOUT_REPEAT", "2", "FANOUT_REPEAT_OF", "fix"), second.env());
        assertEquals(
                List.of("fix.1", "fix.2", "fix.3", "setup"), set.get("review").dependsOn());
    }

    @Test
    void repeatOneIsTheTaskItself() throws IOException {
        TaskSet set = read("tasks:\n  - id: fix\n    command: \"true\"\n    repeat: 1\n");

        assertEquals(List.of("fix"), set.ids());
        assertEquals(Map.of(), set.get("fix").env());
    }

    @Test
    void aRepeatOutOfRangeIsRefusedWithItsPlace() {
        LocatedException e = assertThrows(
                LocatedException.class, () -> read("tasks:\n  - id: fix\n    command: \"true\"\n    repeat: 0\n"));
        assertTrue(e.getMessage().contains("tasks.yaml:4:"), e.getMessage());
        assertTrue(e.getMessage().contains("repeat must be from 1 to 100, not 0"), e.getMessage());
    }

    @Test
    void aCopyWhoseIdIsTakenIsRefused() {
        LocatedException e = assertThrows(
                LocatedException.class,
                () -> read("tasks:\n  - id: fix\n    command: \"true\"\n    repeat: 2\n"
                        + "  - id: fix.2\n    command: \"true\"\n"));
        assertTrue(
                e.getMessage().contains("repeat makes the task 'fix.2', but the file has a task of that id already"),
                e.getMessage());
    }
}
