package dev.fanout.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderResultCacheTest {
    @TempDir
    Path tmp;

    Path work;
    Path cacheDir;
    Path taskDir;
    Task task;

    @BeforeEach
    void setUp() throws IOException {
        work = Files.createDirectories(tmp.resolve("work"));
        cacheDir = tmp.resolve("home/cache");
        taskDir = Files.createDirectories(tmp.resolve("run/tasks/build"));
        Files.writeString(work.resolve("in.txt"), "input\n");
        task = CacheTasks.task("{\"id\": \"build\", \"command\": \"true\", \"cwd\": \"" + work
                + "\", \"inputs\": [\"in.txt\"], \"outputs\": [\"out/**\"]}");
    }

    private FolderResultCache cache(Set<String> forced) {
        return new FolderResultCache(
                new CacheStore(cacheDir), new TaskKeys(TaskKeys::plainWork, Map.of()), true, forced);
    }

    /** What a task run leaves: outputs in its cwd, logs and result in its task folder. */
    private void produce() throws IOException {
        Files.createDirectories(work.resolve("out/bin"));
        byte[] binary = new byte[70_000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31);
        }
        Files.write(work.resolve("out/bin/tool"), binary);
        Files.setPosixFilePermissions(work.resolve("out/bin/tool"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(work.resolve("out/notes.txt"), "notes\n");
        Files.setPosixFilePermissions(work.resolve("out/notes.txt"), PosixFilePermissions.fromString("r--r--r--"));
        Files.writeString(taskDir.resolve("stdout.log"), "built\n");
        Files.writeString(taskDir.resolve("stderr.log"), "warning: x\n");
        Files.writeString(taskDir.resolve("result.json"), "{\"artifacts\": [\"out/bin/tool\"]}");
    }

    private ResultCache.Lookup runOnce(FolderResultCache c) throws IOException {
        ResultCache.Lookup l = c.lookup(task, Map.of(), taskDir);
        if (l.hit() == null) {
            produce();
            assertEquals(List.of(), c.store(task, l, taskDir, "run-1", 4.5));
        }
        return l;
    }

    private void wipe() throws IOException {
        CacheStore.deleteTree(work.resolve("out"));
        CacheStore.deleteTree(taskDir);
        Files.createDirectories(taskDir);
    }

    @Test
    void aHitRestoresOutputsByteExactWithModesAndTheLogsAndResult() throws IOException {
        try (FolderResultCache c = cache(Set.of())) {
            assertNull(runOnce(c).hit());
        }
        byte[] tool = Files.readAllBytes(work.resolve("out/bin/tool"));
        wipe();
        try (FolderResultCache c = cache(Set.of())) {
            ResultCache.Lookup l = c.lookup(task, Map.of(), taskDir);
            assertNotNull(l.hit(), l.why());
            assertEquals("run-1", l.hit().fromRun());
            assertEquals(4.5, l.hit().seconds());
            assertEquals(
                    "out/bin/tool", l.hit().result().path("artifacts").get(0).asText());
        }
        assertArrayEquals(tool, Files.readAllBytes(work.resolve("out/bin/tool")));
        assertEquals(
                "rwxr-x---",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("out/bin/tool"))));
        assertEquals(
                "r--r--r--",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("out/notes.txt"))));
        assertEquals("notes\n", Files.readString(work.resolve("out/notes.txt")));
        assertEquals("built\n", Files.readString(taskDir.resolve("stdout.log")));
        assertEquals("warning: x\n", Files.readString(taskDir.resolve("stderr.log")));
    }

    @Test
    void aChangedInputMisses() throws IOException {
        try (FolderResultCache c = cache(Set.of())) {
            runOnce(c);
        }
        Files.writeString(work.resolve("in.txt"), "inpuT\n");
        try (FolderResultCache c = cache(Set.of())) {
            ResultCache.Lookup l = c.lookup(task, Map.of(), taskDir);
            assertNull(l.hit());
            assertEquals("no entry for its key", l.why());
        }
    }

    @Test
    void aForcedTaskMissesAndItsNewResultReplacesTheEntry() throws IOException {
        try (FolderResultCache c = cache(Set.of())) {
            runOnce(c);
        }
        try (FolderResultCache c = cache(Set.of("build"))) {
            ResultCache.Lookup l = c.lookup(task, Map.of(), taskDir);
            assertNull(l.hit());
            assertEquals("--force", l.why());
            Files.writeString(taskDir.resolve("stdout.log"), "built again\n");
            assertEquals(List.of(), c.store(task, l, taskDir, "run-2", 1.0));
        }
        try (FolderResultCache c = cache(Set.of())) {
            ResultCache.Hit hit = c.lookup(task, Map.of(), taskDir).hit();
            assertEquals("run-2", hit.fromRun());
        }
        assertEquals("built again\n", Files.readString(taskDir.resolve("stdout.log")));
    }

    /** Edits an entry's files in place, as a disk error or a curious user might. */
    private Path onlyBlobOf(String content) throws IOException {
        try (Stream<Path> files = Files.walk(cacheDir.resolve("entries"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                if (p.getParent().getFileName().toString().equals("blobs")
                        && Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1)
                                .equals(content)) {
                    return p;
                }
            }
        }
        throw new AssertionError("no blob holds " + content);
    }

    private void assertDamagedEntryMissesWithAWarning() throws IOException {
        wipe();
        try (FolderResultCache c = cache(Set.of())) {
            ResultCache.Lookup l = c.lookup(task, Map.of(), taskDir);
            assertNull(l.hit());
            assertEquals("its cache entry was damaged", l.why());
            assertEquals(1, l.warnings().size());
            assertTrue(
                    l.warnings().get(0).startsWith("task build: cache entry "),
                    l.warnings().get(0));
            assertTrue(l.warnings().get(0).contains("is damaged"), l.warnings().get(0));
        }
        assertFalse(Files.exists(work.resolve("out/notes.txt")), "nothing of a damaged entry is restored");
        assertFalse(Files.exists(taskDir.resolve("stdout.log")));
        try (FolderResultCache c = cache(Set.of())) {
            ResultCache.Lookup again = c.lookup(task, Map.of(), taskDir);
            assertEquals("no entry for its key", again.why(), "the damaged entry is gone, to be stored afresh");
        }
    }

    @Test
    void anEditedOutputInTheCacheIsDetectedAndMisses() throws IOException {
        try (FolderResultCache c = cache(Set.of())) {
            runOnce(c);
        }
        Files.writeString(onlyBlobOf("notes\n"), "NOTES\n");
        assertDamagedEntryMissesWithAWarning();
    }

    @Test
    void aTruncatedBlobIsDetectedAndMisses() throws IOException {
        try (FolderResultCache c = cache(Set.of())) {
            runOnce(c);
        }
        Files.writeString(onlyBlobOf("built\n"), "bui");
        assertDamagedEntryMissesWithAWarning();
    }

    @Test
    void anEditedEntryJsonIsDetectedAndMisses() throws IOException {
        try (FolderResultCache c = cache(Set.of())) {
            runOnce(c);
        }
        Path entry;
        try (Stream<Path> files = Files.walk(cacheDir.resolve("entries"))) {
            entry = files.filter(p -> p.getFileName().toString().equals("entry.json"))
                    .findFirst()
                    .orElseThrow();
        }
        Files.writeString(entry, Files.readString(entry).replace("run-1", "run-9"));
        assertDamagedEntryMissesWithAWarning();
    }

    @Test
    void aMissingBlobIsDetectedAndMisses() throws IOException {
        try (FolderResultCache c = cache(Set.of())) {
            runOnce(c);
        }
        Files.delete(onlyBlobOf("warning: x\n"));
        assertDamagedEntryMissesWithAWarning();
    }

    @Test
    void aReadOnlyCacheFolderGivesOneWarningAndTheRunGoesOn() throws IOException {
        Files.createDirectories(cacheDir.getParent());
        Files.writeString(cacheDir, "a file where the cache folder should be");
        try (FolderResultCache c = cache(Set.of())) {
            ResultCache.Lookup l = c.lookup(task, Map.of(), taskDir);
            assertNull(l.hit());
            produce();
            List<String> first = c.store(task, l, taskDir, "run-1", 1);
            assertEquals(1, first.size());
            assertTrue(first.get(0).startsWith("cannot store results in the cache " + cacheDir), first.get(0));
            assertTrue(first.get(0).endsWith("; the run goes on without storing"), first.get(0));
            assertEquals(List.of(), c.store(task, l, taskDir, "run-1", 1), "one warning a run");
        }
    }

    @Test
    void threadsStoringOneKeyAtOnceLeaveOneWholeEntry() throws Exception {
        produce();
        int n = 6;
        CountDownLatch looked = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            int id = i;
            Thread t = new Thread(() -> {
                try (FolderResultCache c = cache(Set.of())) {
                    ResultCache.Lookup l = c.lookup(task, Map.of(), taskDir);
                    looked.countDown(); // every thread missed: none restores while the others store
                    go.await();
                    List<String> w = c.store(task, l, taskDir, "run-" + id, 1);
                    if (!w.isEmpty()) {
                        errors.add(new AssertionError(w.toString()));
                    }
                } catch (Throwable e) {
                    looked.countDown();
                    errors.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        looked.await();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), errors);
        List<CacheStore.Listed> entries = new CacheStore(cacheDir).list();
        assertEquals(1, entries.size());
        assertNull(entries.get(0).problem());
        try (Stream<Path> left = Files.list(cacheDir.resolve("tmp"))) {
            assertEquals(List.of(), left.toList(), "no half-built entry is left behind");
        }
        wipe();
        try (FolderResultCache c = cache(Set.of())) {
            assertNotNull(c.lookup(task, Map.of(), taskDir).hit());
        }
    }

    @Test
    void aTaskThatIsNotCacheableHasNoKey() {
        Task plain = CacheTasks.task("{\"id\": \"t\", \"command\": \"true\"}");
        try (FolderResultCache c = cache(Set.of())) {
            ResultCache.Lookup l = c.lookup(plain, Map.of(), taskDir);
            assertNull(l.key());
            assertEquals(List.of(), c.store(plain, l, taskDir, "run-1", 1));
        }
        assertFalse(Files.exists(cacheDir.resolve("entries")));
    }
}
