package dev.fanout.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.FanoutException;
import dev.fanout.config.Home;
import dev.fanout.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSnapshotStoreTest {
    @TempDir
    Path home;

    private Session sessionWithTasks() {
        Session s = new Session(new Home(home));
        s.addTask(Task.ofCommand("build", "make", List.of()));
        s.addTask(Task.ofCommand("test", "make test", List.of("build")));
        s.set("max_parallel_tasks", "4");
        s.variable("target", "staging");
        return s;
    }

    private JsonSnapshotStore store() {
        return new JsonSnapshotStore(new Home(home).sessionsDir());
    }

    @Test
    void aSavedSessionRestoresItsTasksSettingsVariablesAndScripts() {
        Session s = sessionWithTasks();
        s.scriptBridge().evaluate("fanout.registerMerge('count', outputs => ({n: outputs.length}))");
        store().save(s.snapshot("work"));
        Snapshot back = store().load("work");
        Session restored = Session.restore(new Home(home), back, false);
        assertEquals(List.of("build", "test"), restored.tasks().ids());
        assertEquals(List.of("build"), restored.tasks().get("test").dependsOn());
        assertEquals("4", restored.overrides().get("max_parallel_tasks"));
        assertEquals("staging", restored.variables().get("target"));
        assertEquals(
                "fanout.registerMerge('count', outputs => ({n: outputs.length}))",
                back.scripts().get(0).source());
        var strategy = restored.strategies().require("count").strategy();
        assertEquals(
                2,
                strategy.merge(List.of(
                                new dev.fanout.merge.TaskOutput("a", null, "succeeded", null, null),
                                new dev.fanout.merge.TaskOutput("b", null, "succeeded", null, null)))
                        .get("n")
                        .asInt(),
                "the JS strategy works again after the restore");
        assertEquals("work", restored.name());
        assertEquals(2, restored.lastAnalysis().waves().size(), "the analysis is recomputed from the tasks");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "..",
                "../evil",
                "a/b",
                "",
                " space",
                ".hidden",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            })
    void namesThatCouldEscapeTheFolderAreRefused(String name) {
        FanoutException e = assertThrows(FanoutException.class, () -> store().load(name));
        assertTrue(e.getMessage().contains("is not a session name"), e.getMessage());
    }

    @Test
    void aTruncatedSnapshotIsReportedWithItsPositionAndLeftAlone() throws Exception {
        store().save(sessionWithTasks().snapshot("cut"));
        Path file = new Home(home).sessionsDir().resolve("cut.json");
        String whole = Files.readString(file);
        Files.writeString(file, whole.substring(0, whole.length() / 2));
        FanoutException e = assertThrows(FanoutException.class, () -> store().load("cut"));
        assertTrue(e.getMessage().matches(".*cut\\.json:\\d+:\\d+: the snapshot is corrupt.*"), e.getMessage());
        assertEquals(whole.substring(0, whole.length() / 2), Files.readString(file));
    }

    @Test
    void aCopiedSnapshotIsASessionOfItsOwnNamedByItsFile() throws Exception {
        store().save(sessionWithTasks().snapshot("shared"));
        Path dir = new Home(home).sessionsDir();
        String shared = Files.readString(dir.resolve("shared.json"));
        Files.copy(dir.resolve("shared.json"), dir.resolve("backup.json"));
        Session backup = Session.restore(new Home(home), store().load("backup"), false);
        assertEquals("backup", backup.name());
        backup.addTask(Task.ofCommand("deploy", "make deploy", List.of("test")));
        store().save(backup.snapshot(backup.name()));
        assertEquals(shared, Files.readString(dir.resolve("shared.json")), "the original is untouched");
        assertEquals(
                List.of("build", "test", "deploy"),
                store().load("backup").tasks().ids());
    }

    @Test
    void aHandEditedSnapshotOfTheWrongShapeSaysWhatIsWrongInItsOwnWords() throws Exception {
        store().save(sessionWithTasks().snapshot("edited"));
        Path file = new Home(home).sessionsDir().resolve("edited.json");
        var o = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(file.toFile());
        o.putArray("tasks");
        new ObjectMapper().writeValue(file.toFile(), o);
        FanoutException e = assertThrows(FanoutException.class, () -> store().load("edited"));
        assertEquals(
                file + ": the snapshot is damaged ('tasks' must be an object holding a 'tasks' list); it was left as it"
                        + " is: fix it by hand, or delete it",
                e.getMessage());
    }

    @Test
    void aSnapshotFromANewerFanoutIsRefusedWithAnUpgradeHint() throws Exception {
        store().save(sessionWithTasks().snapshot("new"));
        Path file = new Home(home).sessionsDir().resolve("new.json");
        var o = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(file.toFile());
        o.put("format", Snapshot.FORMAT + 1);
        new ObjectMapper().writeValue(file.toFile(), o);
        FanoutException e = assertThrows(FanoutException.class, () -> store().load("new"));
        assertTrue(e.getMessage().contains("saved by a newer fanout"), e.getMessage());
    }

    @Test
    void aSnapshotNamingRunsThatAreGoneIsRefusedUnlessTheyAreDropped() {
        Session s = sessionWithTasks();
        s.ran("20260101-000000-abcd");
        store().save(s.snapshot("old"));
        FanoutException e =
                assertThrows(FanoutException.class, () -> Session.restore(new Home(home), store().load("old"), false));
        assertTrue(e.getMessage().contains("names runs that are gone (20260101-000000-abcd)"), e.getMessage());
        Session restored = Session.restore(new Home(home), store().load("old"), true);
        assertEquals(List.of(), restored.runs());
    }

    @Test
    void aMissingSessionSuggestsTheClosestName() {
        store().save(sessionWithTasks().snapshot("nightly"));
        FanoutException e = assertThrows(FanoutException.class, () -> store().load("nightyl"));
        assertTrue(e.getMessage().contains("did you mean 'nightly'?"), e.getMessage());
    }

    @Test
    void twoWritersSavingTheSameNameAtOnceNeverCorruptTheFile() throws Exception {
        Session small = new Session(new Home(home));
        small.addTask(Task.ofCommand("only", "true", List.of()));
        Session big = new Session(new Home(home));
        for (int i = 0; i < 300; i++) {
            big.addTask(Task.ofCommand("t" + i, "echo " + "x".repeat(100), List.of()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (Session s : List.of(small, big)) {
            writers.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 40; i++) {
                    store().save(s.snapshot("shared"));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : writers) {
            f.get();
        }
        pool.shutdown();
        int tasks = store().load("shared").tasks().size();
        assertTrue(tasks == 1 || tasks == 300, "one writer's whole snapshot, not a mix: " + tasks);
        try (var files = Files.list(new Home(home).sessionsDir())) {
            assertEquals(
                    List.of("shared.json"),
                    files.map(p -> p.getFileName().toString()).toList(),
                    "no temp files left");
        }
    }
}
