package dev.fanout.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskKeysTest {
    @TempDir
    Path dir;

    private Task task(String extra) {
        return CacheTasks.task("{\"id\": \"build\", \"command\": \"cc -c a.c\", \"cwd\": \"" + dir
                + "\", \"inputs\": [\"src\", \"!src/*.tmp\"]" + extra + "}");
    }

    private String key(Task t, Map<String, String> env, Map<String, String> deps) {
        try (TaskKeys keys = new TaskKeys(TaskKeys::plainWork, env)) {
            TaskKeys.Keyed k = keys.keyOf(t, deps);
            assertTrue(k.hasKey(), () -> "no key: " + k.uncacheable());
            return k.key();
        }
    }

    private String key(Task t) {
        return key(t, Map.of(), Map.of());
    }

    private void write(String path, String content) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void oneByteChangedInAnInputChangesTheKey() throws IOException {
        write("src/a.c", "int a = 1;\n");
        write("src/b.c", "int b = 2;\n");
        String before = key(task(""));
        write("src/b.c", "int b = 3;\n");
        assertNotEquals(before, key(task("")));
    }

    @Test
    void anInputTouchedButUnchangedKeepsTheKey() throws IOException {
        write("src/a.c", "int a = 1;\n");
        String before = key(task(""));
        Files.setLastModifiedTime(
                dir.resolve("src/a.c"), FileTime.from(Instant.now().plusSeconds(60)));
        assertEquals(before, key(task("")));
    }

    @Test
    void anExcludedFileDoesNotCountButAnAddedOneDoes() throws IOException {
        write("src/a.c", "int a = 1;\n");
        String before = key(task(""));
        write("src/scratch.tmp", "anything");
        assertEquals(before, key(task("")));
        write("src/c.c", "int c;\n");
        assertNotEquals(before, key(task("")));
    }

    @Test
    void aRenamedInputChangesTheKeyEvenWithTheSameBytes() throws IOException {
        write("src/a.c", "same\n");
        String before = key(task(""));
        Files.move(dir.resolve("src/a.c"), dir.resolve("src/z.c"));
        assertNotEquals(before, key(task("")));
    }

    @Test
    void anEnvInputChangedChangesTheKeyAndOtherVariablesDoNot() throws IOException {
        write("src/a.c", "x");
        Task t = task(", \"env_inputs\": [\"CC\"]");
        String gcc = key(t, Map.of("CC", "gcc", "HOME", "/a"), Map.of());
        assertEquals(gcc, key(t, Map.of("CC", "gcc", "HOME", "/b"), Map.of()));
        assertNotEquals(gcc, key(t, Map.of("CC", "clang", "HOME", "/a"), Map.of()));
        assertNotEquals(gcc, key(t, Map.of(), Map.of()), "unset differs from set");
    }

    @Test
    void theCommandEnvCwdAndOutputsEachChangeTheKey() throws IOException {
        write("src/a.c", "x");
        String base = key(task(""));
        assertNotEquals(base, key(task(", \"env\": {\"OPT\": \"-O2\"}")));
        assertNotEquals(base, key(task(", \"outputs\": [\"a.o\"]")));
        Task other = CacheTasks.task("{\"id\": \"build\", \"command\": \"cc -c -O2 a.c\", \"cwd\": \"" + dir
                + "\", \"inputs\": [\"src\", \"!src/*.tmp\"]}");
        assertNotEquals(base, key(other));
    }

    @Test
    void aDependencysKeyIsPartOfTheKey() throws IOException {
        write("src/a.c", "x");
        Task t = task("").withDependsOn(List.of("gen"));
        String one = key(t, Map.of(), Map.of("gen", "1".repeat(64)));
        assertNotEquals(one, key(t, Map.of(), Map.of("gen", "2".repeat(64))));
        assertEquals(one, key(t, Map.of(), Map.of("gen", "1".repeat(64), "unrelated", "3".repeat(64))));
    }

    @Test
    void aDependencyWithoutAKeyLeavesTheTaskWithoutOne() throws IOException {
        write("src/a.c", "x");
        try (TaskKeys keys = new TaskKeys(TaskKeys::plainWork, Map.of())) {
            TaskKeys.Keyed k = keys.keyOf(task("").withDependsOn(List.of("gen")), Map.of());
            assertFalse(k.hasKey());
            assertEquals("dependency gen is not cached", k.uncacheable());
        }
    }

    @Test
    void anInputGlobThatMatchesNothingIsAWarningNamingIt() throws IOException {
        write("src/a.c", "x");
        Task t = CacheTasks.task("{\"id\": \"t\", \"command\": \"true\", \"cwd\": \"" + dir
                + "\", \"inputs\": [\"src\", \"docs/*.md\"]}");
        try (TaskKeys keys = new TaskKeys(TaskKeys::plainWork, Map.of())) {
            TaskKeys.Keyed k = keys.keyOf(t, Map.of());
            assertTrue(k.hasKey());
            assertEquals(List.of("task t: input 'docs/*.md' matches no file"), k.warnings());
        }
    }

    @Test
    void aSymlinkLoopLeavesTheTaskUncachedWithAWarning() throws IOException {
        write("src/a.c", "x");
        Files.createSymbolicLink(dir.resolve("src/loop"), dir.resolve("src"));
        try (TaskKeys keys = new TaskKeys(TaskKeys::plainWork, Map.of())) {
            TaskKeys.Keyed k = keys.keyOf(task(""), Map.of());
            assertFalse(k.hasKey());
            assertTrue(
                    k.warnings().get(0).startsWith("task build: input 'src' leads into a symbolic link loop"),
                    k.warnings().toString());
            assertTrue(k.warnings().get(0).endsWith("; it runs uncached"));
        }
    }

    @Test
    void aFileSharedByManyTasksIsReadOncePerRun() throws IOException {
        for (int i = 0; i < 20; i++) {
            write("src/f" + i + ".c", "file " + i);
        }
        FileHashes hashes = new FileHashes(2);
        try (TaskKeys keys = new TaskKeys(TaskKeys::plainWork, Map.of(), hashes)) {
            for (int t = 0; t < 5; t++) {
                Task task = CacheTasks.task("{\"id\": \"t" + t + "\", \"command\": \"true\", \"cwd\": \"" + dir
                        + "\", \"inputs\": [\"src/*.c\"]}");
                assertTrue(keys.keyOf(task, Map.of()).hasKey());
            }
            assertEquals(20, hashes.filesRead());
        }
    }

    @Test
    void filesAreInAFixedOrderWhateverTheGlobOrder() throws IOException {
        write("src/a.c", "a");
        write("src/b.h", "b");
        Task one = CacheTasks.task("{\"id\": \"t\", \"command\": \"true\", \"cwd\": \"" + dir
                + "\", \"inputs\": [\"src/*.c\", \"src/*.h\"]}");
        Task two = CacheTasks.task("{\"id\": \"t\", \"command\": \"true\", \"cwd\": \"" + dir
                + "\", \"inputs\": [\"src/*.h\", \"src/*.c\"]}");
        assertEquals(key(one), key(two));
    }

    @Test
    void aTaskWithoutInputsIsNotCachedUnlessItSaysSo() {
        Task plain = CacheTasks.task("{\"id\": \"t\", \"command\": \"true\"}");
        assertFalse(plain.cacheable(true));
        assertTrue(CacheTasks.task("{\"id\": \"t\", \"command\": \"true\", \"cache\": true}")
                .cacheable(false));
        Task withInputs = CacheTasks.task("{\"id\": \"t\", \"command\": \"true\", \"inputs\": [\"x\"]}");
        assertTrue(withInputs.cacheable(true));
        assertFalse(withInputs.cacheable(false));
        assertFalse(CacheTasks.task("{\"id\": \"t\", \"command\": \"true\", \"inputs\": [\"x\"], \"cache\": false}")
                .cacheable(true));
        assertNull(plain.caching().cache());
    }

    @Test
    void anUnreadableInputLeavesTheTaskUncachedWithAWarning() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                "root".equals(System.getProperty("user.name")), "root reads every file");
        write("src/a.c", "x");
        Files.setPosixFilePermissions(
                dir.resolve("src/a.c"), java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        try (TaskKeys keys = new TaskKeys(TaskKeys::plainWork, Map.of())) {
            TaskKeys.Keyed k = keys.keyOf(task(""), Map.of());
            assertFalse(k.hasKey());
            assertTrue(
                    k.warnings().get(0).startsWith("task build: an input cannot be read (permission denied"),
                    k.warnings().toString());
        } finally {
            Files.setPosixFilePermissions(
                    dir.resolve("src/a.c"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
    }
}
