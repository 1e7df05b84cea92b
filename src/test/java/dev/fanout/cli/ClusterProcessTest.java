package dev.fanout.cli;

import static dev.fanout.exec.RunFixture.file;
import static dev.fanout.exec.RunFixture.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real fanout workers on loopback, three of them started once for the class (workers serve run
 * after run), and real coordinators: in this JVM through the command tree, or as a process where
 * the test kills it. Issue 17.
 */
@ProcessTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final List<String> SMALL = List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /** Workers notice a member gone in a few seconds (a SIGKILLed one closes its sockets at once). */
    private static final List<String> WORKER_JVM = List.of(
            "-Xmx128m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Dhazelcast.heartbeat.interval.seconds=1",
            "-Dhazelcast.max.no.heartbeat.seconds=5");

    private static final int SLOTS = 3;

    private Path tmp;
    private final List<FanoutProcess> workers = new ArrayList<>();
    private final List<String> addresses = new ArrayList<>();
    private String members;
    private Path home;
    private int next;

    @BeforeAll
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // three JVMs, two after one, on a loaded machine
    void startWorkers(@TempDir Path dir) throws Exception {
        tmp = dir;
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc and kill(1)");
        home = tmp.resolve("home");
        int first = freePort();
        members = "127.0.0.1:" + first;
        workers.add(worker(first, null, "pool=a"));
        awaitReady(workers.get(0));
        // the other two join the first at once, side by side
        workers.add(worker(freePort(), members, "pool=b"));
        workers.add(worker(freePort(), members, "pool=c"));
        awaitReady(workers.get(1));
        awaitReady(workers.get(2));
    }

    @AfterAll
    void stopWorkers() {
        for (FanoutProcess w : workers) {
            w.close();
        }
    }

    private FanoutProcess worker(int port, String join, String labels) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "worker",
                "--port",
                Integer.toString(port),
                "--slots",
                Integer.toString(SLOTS),
                "--labels",
                labels,
                "--home",
                home.toString()));
        if (join != null) {
            args.addAll(List.of("--join", join));
        }
        return FanoutProcess.start(tmp.resolve("worker" + (next++)), WORKER_JVM, args.toArray(String[]::new));
    }

    private void awaitReady(FanoutProcess w) throws Exception {
        await(() -> w.stdout().contains("worker ready on"), () -> "worker not ready; stderr: " + w.stderr());
        String line = w.stdout()
                .lines()
                .filter(l -> l.contains("worker ready on"))
                .findFirst()
                .orElseThrow();
        addresses.add(line.split(" ")[3]);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private interface Why {
        String text() throws Exception;
    }

    /** Polls a condition set by another process (a file, a log line): there is nothing to wait on but it. */
    private static void await(Check c, Why why) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!c.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(why.text());
            }
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A home of its own for one test's run (one run folder each), with the workers' key. */
    private Path homeWithKey(String name) throws IOException {
        Path h = tmp.resolve(name);
        Files.createDirectories(h);
        Files.copy(home.resolve("cluster.key"), h.resolve("cluster.key"));
        return h;
    }

    /** A shell line that leaves one file a run of the task, named for the task, the worker and the process. */
    private static String marker(Path dir) {
        return "touch " + dir + "/$FANOUT_TASK_ID.${FANOUT_WORKER:-local}.$$";
    }

    private static Map<String, List<String>> executions(Path dir) throws IOException {
        Map<String, List<String>> byTask = new HashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).forEach(name -> {
                String[] parts = name.split("\\.", 2);
                byTask.computeIfAbsent(parts[0], k -> new ArrayList<>())
                        .add(parts[1].substring(0, parts[1].lastIndexOf('.')));
            });
        }
        return byTask;
    }

    private static JsonNode record(Path home) throws IOException {
        Path dir = FanoutProcess.runDir(home).orElseThrow();
        return JSON.readTree(dir.resolve("run.json").toFile());
    }

    private static Cli.Result ok(Cli.Result r) {
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    @Test
    @Order(1)
    void aGraphRunOnThreeWorkersEndsAsItDoesLocallyWithEachTaskRunOnce() throws Exception {
        int n = 200;
        Path marks = Files.createDirectories(tmp.resolve("marks-graph"));
        List<ObjectNode> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String cmd = "echo out-" + i + "; echo err-" + i + " >&2; printf '{\"i\": " + i + "}' > \"$FANOUT_RESULT\"";
            tasks.add(i % 10 == 0 ? task("t" + i, cmd) : task("t" + i, cmd, "t" + (i - 1)));
        }
        Path plain = RunFixture.write(tmp.resolve("graph.json"), file(null, tasks.toArray(ObjectNode[]::new)));
        Path local = tmp.resolve("local");
        ok(Cli.run(local, "run", plain.toString(), "--jobs", "9", "-q"));
        tasks.forEach(
                t -> t.put("command", marker(marks) + "; " + t.get("command").asText()));
        Path counted =
                RunFixture.write(tmp.resolve("graph-counted.json"), file(null, tasks.toArray(ObjectNode[]::new)));
        Path remoteHome = homeWithKey("home-graph");

        ok(Cli.run(remoteHome, "run", counted.toString(), "--jobs", "9", "-q", "--cluster", members));

        JsonNode remote = record(remoteHome);
        Path remoteDir = FanoutProcess.runDir(remoteHome).orElseThrow();
        Path localDir = FanoutProcess.runDir(local).orElseThrow();
        JsonNode localRecord = record(local);
        Map<String, List<String>> ran = executions(marks);
        Set<String> usedWorkers = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String id = "t" + i;
            JsonNode r = remote.path("results").path(id);
            assertEquals("succeeded", r.path("status").asText(), id);
            assertEquals(1, r.path("attempts").size(), id + " took one attempt");
            assertEquals(1, ran.get(id).size(), id + " ran once: " + ran.get(id));
            String worker = r.path("attempts").get(0).path("worker").asText();
            assertEquals(ran.get(id).get(0), worker, id + " is recorded as run by the worker that ran it");
            usedWorkers.add(worker);
            assertEquals(localRecord.path("results").path(id).path("result"), r.path("result"), id);
            for (String log : List.of("stdout.log", "stderr.log", "result.json")) {
                assertEquals(
                        Files.readString(localDir.resolve("tasks").resolve(id).resolve(log)),
                        Files.readString(remoteDir.resolve("tasks").resolve(id).resolve(log)),
                        id + " " + log);
            }
        }
        assertEquals(Set.copyOf(addresses), usedWorkers, "every worker took tasks");
        assertEquals(
                Files.readString(localDir.resolve("merged.json")).replace(localDir.toString(), "RUN"),
                Files.readString(remoteDir.resolve("merged.json")).replace(remoteDir.toString(), "RUN"),
                "the merged output is a local run's (but for where each run's folder is)");
        List<String> joblog = Files.readAllLines(remoteDir.resolve("joblog"));
        assertEquals(n, joblog.size() - 1, "one joblog line per task");
        assertEquals("Host", joblog.get(0).split("\t")[1]);
        for (String line : joblog.subList(1, joblog.size())) {
            String[] cols = line.split("\t");
            String id = "t" + (Integer.parseInt(cols[0]) - 1);
            assertEquals(ran.get(id).get(0), cols[1], "the Host column names the worker: " + line);
        }
    }

    @Test
    @Order(2)
    void theWorkersCommandListsEachWorkerWithItsSlotsLabelsAndRunningTasks() throws Exception {
        Path started = tmp.resolve("held-started");
        Path gate = tmp.resolve("held-gate");
        ObjectNode held = task("held", "touch " + started + "; while [ ! -e " + gate + " ]; do sleep 0.05; done");
        held.putObject("requires").put("pool", "b");
        Path file = RunFixture.write(tmp.resolve("held.json"), file(null, held));
        Path h = homeWithKey("home-held");
        CompletableFuture<Cli.Result> run =
                CompletableFuture.supplyAsync(() -> Cli.run(h, "run", file.toString(), "-q", "--cluster", members));
        try {
            await(() -> Files.exists(started), () -> "the task never started: " + (run.isDone() ? run.join() : ""));

            Cli.Result r = ok(Cli.run(h, "workers", "--cluster", members));

            String runId =
                    FanoutProcess.runDir(h).map(p -> p.getFileName().toString()).orElseGet(() -> "");
            List<String> lines = r.out().lines().toList();
            assertEquals(4, lines.size(), r.out());
            assertTrue(lines.get(0).matches("WORKER +SLOTS +LABELS +RUNNING"), lines.get(0));
            for (int w = 0; w < 3; w++) {
                String address = addresses.get(w);
                String row = lines.stream()
                        .filter(l -> l.startsWith(address + " "))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(address + " not listed: " + r.out()));
                String[] cols = row.trim().split(" +", 4);
                assertEquals(Integer.toString(SLOTS), cols[1], row);
                assertEquals("pool=" + (char) ('a' + w), cols[2], row);
                assertEquals(w == 1 ? "1: " + runId + "/held" : "0", cols[3], row);
            }
        } finally {
            Files.createFile(gate);
        }
        ok(run.get(LIMIT.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    @Order(3)
    void aTaskNoWorkerCanTakeIsAnErrorBeforeAnythingRuns() throws Exception {
        ObjectNode t = task("gpu", "true");
        t.putObject("requires").put("gpu", "1");
        Path file = RunFixture.write(tmp.resolve("gpu.json"), file(null, task("first", "true"), t));
        Path h = homeWithKey("home-gpu");

        Cli.Result r = Cli.run(h, "run", file.toString(), "--cluster", members);

        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("task 'gpu' requires gpu=1 but no worker has those labels"), r.toString());
        assertFalse(FanoutProcess.runDir(h).isPresent(), "nothing ran");
    }

    @Test
    @Order(4)
    void aWorkerWithAnotherKeyRefusesTheTask() throws Exception {
        Path h = tmp.resolve("home-other-key");
        Files.createDirectories(h);
        Files.writeString(h.resolve("cluster.key"), "not-the-workers-key\n");
        Path file = RunFixture.write(tmp.resolve("one.json"), file(null, task("one", "touch " + tmp.resolve("ran"))));

        Cli.Result r = Cli.run(h, "run", file.toString(), "--cluster", members);

        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("refused the task: signature does not match"), r.toString());
        assertFalse(Files.exists(tmp.resolve("ran")), "the task did not run");
        boolean logged = false;
        for (FanoutProcess w : workers) {
            logged |= w.stderr().contains("refused a message: signature does not match");
        }
        assertTrue(logged, "a worker logged the refusal");
    }

    @Test
    @Order(5)
    void aKilledCoordinatorLeavesNoTaskProcessOnTheWorkers() throws Exception {
        String marker = "fanout-cluster-orphan-" + ProcessHandle.current().pid();
        Path started = tmp.resolve("started");
        Path file = RunFixture.write(
                tmp.resolve("sleep.json"),
                file(null, task("long", "touch " + started + "; exec sh -c 'sleep 300; echo " + marker + "'")));
        Path h = homeWithKey("home-kill");
        try (FanoutProcess f = FanoutProcess.start(
                tmp.resolve("logs-kill"),
                SMALL,
                "run",
                file.toString(),
                "--home",
                h.toString(),
                "--cluster",
                members)) {
            await(() -> Files.exists(started), () -> "the task never started: " + f.stderr());
            assertTrue(running(marker), "the task runs");

            f.signal("KILL");

            long gone = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (running(marker) && System.nanoTime() < gone) {
                Thread.sleep(100);
            }
            assertFalse(running(marker), "the task's tree was stopped within 10 s");
        }
    }

    /** Last: it kills one of the class's workers. */
    @Test
    @Order(6)
    void aWorkerKilledMidTaskLosesItsTasksWhichRunAgainElsewhereNotCountedAsRetries() throws Exception {
        int n = 24;
        Path marks = Files.createDirectories(tmp.resolve("marks-lost"));
        Path gate = tmp.resolve("lost-gate");
        List<ObjectNode> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectNode t = task(
                    "t" + i,
                    marker(marks) + "; while [ ! -e " + gate + " ]; do sleep 0.05; done; printf '{\"i\": " + i
                            + "}' > \"$FANOUT_RESULT\"");
            t.put("retries", 0); // a lost attempt must not use up a retry the task does not have
            tasks.add(t);
        }
        Path file = RunFixture.write(tmp.resolve("lost.json"), file(null, tasks.toArray(ObjectNode[]::new)));
        Path h = homeWithKey("home-lost");
        int victim = 2;
        String victimAddress = addresses.get(victim);
        CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(
                () -> Cli.run(h, "run", file.toString(), "--jobs", Integer.toString(3 * SLOTS), "--cluster", members));
        try {
            await(
                    () -> executions(marks).values().stream().anyMatch(w -> w.contains(victimAddress)),
                    () -> "no task started on " + victimAddress + ": " + executions(marks));
            workers.get(victim).signal("KILL");
        } finally {
            Files.createFile(gate);
        }
        Cli.Result r;
        try {
            r = ok(run.get(LIMIT.toSeconds(), TimeUnit.SECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            Path runs = h.resolve("runs");
            String where = Files.isDirectory(runs)
                    ? Files.readString(FanoutProcess.runDir(h).orElseThrow().resolve("run.json"))
                    : "no run";
            throw new AssertionError(
                    "the run did not end; its record: " + where + "\nworkers: "
                            + workers.get(0).stderr() + workers.get(1).stderr(),
                    e);
        }

        JsonNode rec = record(h);
        Map<String, List<String>> ran = executions(marks);
        int lost = 0;
        for (int i = 0; i < n; i++) {
            String id = "t" + i;
            JsonNode res = rec.path("results").path(id);
            JsonNode attempts = res.path("attempts");
            assertEquals("succeeded", res.path("status").asText(), id + ": " + res);
            JsonNode last = attempts.get(attempts.size() - 1);
            assertFalse(last.path("lost").asBoolean(), id);
            List<String> where = ran.get(id);
            if (attempts.size() == 1) {
                assertEquals(List.of(last.path("worker").asText()), where, id + " ran once, where recorded");
            } else {
                assertEquals(2, attempts.size(), id + ": " + attempts);
                lost++;
                assertTrue(attempts.get(0).path("lost").asBoolean(), id + ": " + attempts);
                assertEquals(victimAddress, attempts.get(0).path("worker").asText(), id);
                assertNotEquals(victimAddress, last.path("worker").asText(), id + " reran elsewhere");
                assertEquals(
                        1,
                        where.stream().filter(w -> !w.equals(victimAddress)).count(),
                        id + " ran once more, elsewhere: " + where);
            }
            if (where.contains(victimAddress)) {
                assertEquals(2, attempts.size(), id + " started on the killed worker, so it was lost: " + attempts);
            }
        }
        assertTrue(lost > 0, "some tasks were lost");
        assertTrue(r.out().contains("lost " + lost + " attempt"), r.out());
        long lostLines = Files.readAllLines(
                        FanoutProcess.runDir(h).orElseThrow().resolve("joblog"))
                .stream()
                .filter(l -> l.split("\t")[1].equals(victimAddress))
                .count();
        assertEquals(lost, lostLines, "each lost attempt has its joblog line, host the killed worker");
    }

    private static boolean running(String marker) {
        return ProcessHandle.allProcesses()
                .anyMatch(p -> p.info()
                        .arguments()
                        .map(a -> String.join(" ", a).contains(marker))
                        .orElse(false));
    }
}
