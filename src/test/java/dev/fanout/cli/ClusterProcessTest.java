package dev.fanout.cli;

import static dev.fanout.exec.RunFixture.file;
import static dev.fanout.exec.RunFixture.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.ProcessTest;
import dev.fanout.exec.RunFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Real fanout workers on loopback and a real coordinator: issue 17. */
@ProcessTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(150);
    private static final List<String> SMALL = List.of("-Xmx160m", "-XX:TieredStopAtLevel=1");

    private Path tmp;

    private final List<FanoutProcess> workers = new ArrayList<>();
    private String members;
    private int next;

    @BeforeAll
    void startWorkers(@TempDir Path dir) throws Exception {
        tmp = dir;
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc and kill(1)");
        int first = freePort();
        members = "127.0.0.1:" + first;
        workers.add(worker(first, null, "--labels", "pool=a"));
        workers.add(worker(freePort(), members, "--labels", "pool=b"));
        for (FanoutProcess w : workers) {
            awaitReady(w);
        }
    }

    @AfterAll
    void stopWorkers() throws Exception {
        for (FanoutProcess w : workers) {
            w.close();
        }
    }

    private FanoutProcess worker(int port, String join, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "worker",
                "--port",
                Integer.toString(port),
                "--slots",
                "3",
                "--home",
                tmp.resolve("home").toString()));
        if (join != null) {
            args.addAll(List.of("--join", join));
        }
        args.addAll(List.of(more));
        return FanoutProcess.start(tmp.resolve("worker" + (next++)), SMALL, args.toArray(String[]::new));
    }

    private static void awaitReady(FanoutProcess w) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!w.stdout().contains("worker ready on")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("worker not ready; stderr: " + w.stderr());
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Path tasksFile(String name, ObjectNode tasks) throws IOException {
        return RunFixture.write(tmp.resolve(name), tasks);
    }

    /** A graph of {@code n} tasks in chains of ten, each writing a result of its own. */
    private static ObjectNode graph(int n) {
        List<ObjectNode> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String cmd = "echo out-" + i + "; echo err-" + i + " >&2; printf '{\"i\": " + i + "}' > \"$FANOUT_RESULT\"";
            tasks.add(i % 10 == 0 ? task("t" + i, cmd) : task("t" + i, cmd, "t" + (i - 1)));
        }
        return file(null, tasks.toArray(ObjectNode[]::new));
    }

    private JsonNode run(String home, Path file, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--home", home, "--jobs", "6"));
        args.addAll(List.of(more));
        try (FanoutProcess f =
                FanoutProcess.start(tmp.resolve("logs-" + home.hashCode()), SMALL, args.toArray(String[]::new))) {
            int exit = f.await(LIMIT);
            assertEquals(0, exit, f.stderr());
            Path dir = FanoutProcess.runDir(Path.of(home)).orElseThrow();
            return JSON.readTree(dir.resolve("run.json").toFile());
        }
    }

    @Test
    void aGraphRunOnWorkersEndsAsItDoesLocallyWithEachTaskRunOnce() throws Exception {
        int n = 200;
        Path file = tasksFile("graph.json", graph(n));
        String clusterHome = tmp.resolve("home").toString();
        JsonNode remote = run(clusterHome, file, "--cluster", members);
        JsonNode local = run(tmp.resolve("local").toString(), file);
        Path remoteDir = FanoutProcess.runDir(Path.of(clusterHome)).orElseThrow();
        Path localDir = FanoutProcess.runDir(tmp.resolve("local")).orElseThrow();
        for (int i = 0; i < n; i++) {
            String id = "t" + i;
            JsonNode r = remote.path("results").path(id);
            assertEquals("succeeded", r.path("status").asText(), id);
            assertEquals(1, r.path("attempts").size(), id + " ran once");
            assertEquals(local.path("results").path(id).path("result"), r.path("result"), id);
            for (String log : List.of("stdout.log", "stderr.log")) {
                assertEquals(
                        Files.readString(localDir.resolve("tasks").resolve(id).resolve(log)),
                        Files.readString(remoteDir.resolve("tasks").resolve(id).resolve(log)),
                        id + " " + log);
            }
        }
        long joblogLines = Files.readAllLines(remoteDir.resolve("joblog")).size() - 1;
        assertEquals(n, joblogLines, "one joblog line per task");
    }

    @Test
    void aTaskNoWorkerCanTakeIsAnErrorBeforeAnythingRuns() throws Exception {
        ObjectNode t = task("gpu", "true");
        t.putObject("requires").put("gpu", "1");
        Path file = tasksFile("gpu.json", file(null, task("first", "true"), t));
        Path home = tmp.resolve("home-gpu");
        try (FanoutProcess f = FanoutProcess.start(
                tmp.resolve("logs-gpu"),
                SMALL,
                "run",
                file.toString(),
                "--home",
                home.toString(),
                "--cluster",
                members)) {
            assertEquals(2, f.await(LIMIT));
            assertTrue(f.stderr().contains("task 'gpu' requires gpu=1 but no worker has those labels"), f.stderr());
        }
        assertFalse(
                Files.exists(home.resolve("runs")) && FanoutProcess.runDir(home).isPresent(), "nothing ran");
    }

    @Test
    void aWorkerWithAnotherKeyRefusesTheTask() throws Exception {
        Path home = tmp.resolve("home-other-key");
        Files.createDirectories(home);
        Files.writeString(home.resolve("cluster.key"), "not-the-workers-key\n");
        Path file = tasksFile("one.json", file(null, task("one", "touch " + tmp.resolve("ran"))));
        try (FanoutProcess f = FanoutProcess.start(
                tmp.resolve("logs-key"),
                SMALL,
                "run",
                file.toString(),
                "--home",
                home.toString(),
                "--cluster",
                members)) {
            assertEquals(1, f.await(LIMIT));
            assertTrue(f.stdout().contains("refused the task: signature does not match"), f.stdout());
        }
        assertFalse(Files.exists(tmp.resolve("ran")), "the task did not run");
        boolean logged = false;
        for (FanoutProcess w : workers) {
            logged |= w.stderr().contains("refused a message: signature does not match");
        }
        assertTrue(logged, "a worker logged the refusal");
    }

    @Test
    void aKilledCoordinatorLeavesNoTaskProcessOnTheWorkers() throws Exception {
        String marker = "fanout-cluster-orphan-" + ProcessHandle.current().pid();
        Path started = tmp.resolve("started");
        Path file = tasksFile(
                "sleep.json",
                file(null, task("long", "touch " + started + "; exec sh -c 'sleep 300; echo " + marker + "'")));
        Path home = tmp.resolve("home-kill");
        Files.createDirectories(home);
        Files.copy(tmp.resolve("home").resolve("cluster.key"), home.resolve("cluster.key"));
        try (FanoutProcess f = FanoutProcess.start(
                tmp.resolve("logs-kill"),
                SMALL,
                "run",
                file.toString(),
                "--home",
                home.toString(),
                "--cluster",
                members)) {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (!Files.exists(started)) {
                assertTrue(System.nanoTime() < deadline, "the task never started: " + f.stderr());
                Thread.sleep(100);
            }
            assertTrue(running(marker), "the task runs");
            f.signal("KILL");
            long gone = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (running(marker) && System.nanoTime() < gone) {
                Thread.sleep(100);
            }
            assertFalse(running(marker), "the task's tree was stopped within 10 s");
        }
    }

    private static boolean running(String marker) {
        return ProcessHandle.allProcesses()
                .anyMatch(p -> p.info()
                        .arguments()
                        .map(a -> String.join(" ", a).contains(marker))
                        .orElse(false));
    }
}
