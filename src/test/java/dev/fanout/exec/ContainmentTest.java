package dev.fanout.exec;

import static dev.fanout.exec.RunFixture.argvTask;
import static dev.fanout.exec.RunFixture.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.ProcessTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes in real control groups (issue 12 item 8, issue 11 item 5). The cgroup cases run
 * where fanout can make groups (root, a writable hierarchy: CI here) and are skipped elsewhere.
 */
@ProcessTest
class ContainmentTest {
    @TempDir
    Path tmp;

    /** Daemons a test started, killed whatever happens. */
    private final List<Long> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws IOException {
        for (long pid : started) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        for (Path f : List.of(tmp.resolve("daemon.pid"))) {
            if (Files.exists(f)) {
                ProcessHandle.of(Leftovers.pidIn(f)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static Containment cgroups() {
        Containment c = Containment.detect(java.util.Map.of());
        assumeTrue(
                c.kind() == Containment.Kind.CGROUP_V1 || c.kind() == Containment.Kind.CGROUP_V2,
                "no control group can be made here (not root, or no writable hierarchy): " + c.why());
        return c;
    }

    private RunRecord run(Containment containment, ObjectNode... tasks) {
        for (ObjectNode t : tasks) {
            t.put("retries", 0);
        }
        RunFixture fixture = new RunFixture(tmp.resolve("home"));
        return fixture.prepare(
                        file(null, tasks), RunFixture.parallel(2), RunListener.NONE, new CommandRunner(containment))
                .execute();
    }

    /** A task that starts {@code sleep} as a daemon: its own session, no environment, not a descendant. */
    private ObjectNode daemonTask(String id, String then) {
        long unique = 3000 + ThreadLocalRandom.current().nextInt(100_000);
        String script = "env -i setsid sleep " + unique + " >/dev/null 2>&1 </dev/null & echo $! > \"$1\"; " + then;
        return argvTask(
                id, List.of("sh", "-c", script, "sh", tmp.resolve("daemon.pid").toString()));
    }

    private long daemonPid() throws IOException {
        long pid = Leftovers.pidIn(tmp.resolve("daemon.pid"));
        started.add(pid);
        return pid;
    }

    @Test
    void aDaemonWithAClearedEnvironmentDoesNotOutliveTheRun() throws IOException {
        RunRecord r = run(cgroups(), daemonTask("d", "exit 0"));

        assertEquals(TaskStatus.SUCCEEDED, r.results().get("d").status());
        assertFalse(Leftovers.alive(daemonPid()), "the daemon outlived the run");
    }

    @Test
    void aDaemonOutlivesNoRunUnderCgroupV2EitherWhereV2CanBeMade() throws IOException {
        Containment v2 = Containment.detect(java.util.Map.of("FANOUT_CONTAINMENT", "cgroup-v2"));
        assumeTrue(v2.kind() == Containment.Kind.CGROUP_V2, "no writable cgroup v2 hierarchy here: " + v2.why());

        RunRecord r = run(v2, daemonTask("d", "exit 0"));

        assertEquals(TaskStatus.SUCCEEDED, r.results().get("d").status());
        assertFalse(Leftovers.alive(daemonPid()), "the daemon outlived the run");
    }

    @Test
    void aTimeoutStopsTheDaemonsATaskStarted() throws IOException {
        ObjectNode t = daemonTask("t", "exec sleep 600");
        t.put("timeout_seconds", 1);

        RunRecord r = run(cgroups(), t);

        assertEquals(TaskStatus.TIMED_OUT, r.results().get("t").status());
        assertFalse(Leftovers.alive(daemonPid()), "the daemon outlived its timed-out task");
    }

    @Test
    void noGroupIsLeftOnceTheRunIsOver() throws IOException {
        Containment c = cgroups();
        RunRecord r = run(c, daemonTask("d", "exit 0"), argvTask("plain", List.of("true")));

        for (String place : c.places()) {
            Path runGroup = Path.of(place).resolve(ProcessHandle.current().pid() + "-" + r.runId());
            assertFalse(Files.exists(runGroup), runGroup + " was left behind");
        }
    }

    @Test
    void aGroupItsTaskLeftEmptyServesTheRunsNextTask() throws IOException {
        Containment c = cgroups();
        ObjectNode second = argvTask("second", List.of("cat", "/proc/self/cgroup"));
        second.putArray("depends_on").add("first");

        RunRecord r = run(c, argvTask("first", List.of("cat", "/proc/self/cgroup")), second);

        assertEquals(trackingGroup(r, "first"), trackingGroup(r, "second"));
    }

    @Test
    void aGroupALeftoverProcessHoldsIsNotGivenToTheNextTask() throws IOException {
        Containment c = cgroups();
        ObjectNode next = argvTask("next", List.of("cat", "/proc/self/cgroup"));
        next.putArray("depends_on").add("d");

        RunRecord r = run(c, daemonTask("d", "cat /proc/self/cgroup"), next);

        assertEquals(TaskStatus.SUCCEEDED, r.results().get("next").status());
        assertTrue(!trackingGroup(r, "d").equals(trackingGroup(r, "next")), "the daemon's group was reused");
        assertFalse(Leftovers.alive(daemonPid()), "the daemon outlived the run");
    }

    /** The group a task ran in, from the /proc/self/cgroup line it printed: the freezer's (v1) or the one (v2). */
    private static String trackingGroup(RunRecord r, String task) throws IOException {
        List<String> lines =
                Files.readAllLines(r.dir().resolve("tasks").resolve(task).resolve("stdout.log"));
        return lines.stream()
                .filter(l -> l.matches("^[0-9]+:(freezer|):.*"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(task + " printed no tracking group: " + lines));
    }

    @Test
    void aTaskOverItsMemoryLimitFailsWithTheReasonMemoryLimit() {
        Containment c = cgroups();
        assumeTrue(c.controllers().contains("memory"), "no memory controller here: " + c.why());
        // dd reads into a 64 MB buffer: over a 16 MB limit
        ObjectNode t = argvTask("hog", List.of("dd", "if=/dev/zero", "of=/dev/null", "bs=64M", "count=1"));
        t.put("memory_max", "16M");
        ObjectNode fits = argvTask("fits", List.of("dd", "if=/dev/zero", "of=/dev/null", "bs=1M", "count=1"));
        fits.put("memory_max", "16M");

        RunRecord r = run(c, t, fits);

        TaskResult hog = r.results().get("hog");
        assertEquals(TaskStatus.FAILED, hog.status());
        assertTrue(hog.reason().startsWith("memory limit"), hog.reason());
        assertEquals(1, hog.attempts().size(), "a memory limit failure is not retried");
        assertEquals(TaskStatus.SUCCEEDED, r.results().get("fits").status());
    }

    @Test
    void cpusBecomeTheGroupsQuota() throws IOException {
        Containment c = cgroups();
        assumeTrue(c.controllers().contains("cpu"), "no cpu controller here: " + c.why());
        String read = c.kind() == Containment.Kind.CGROUP_V1
                ? "cat \"/sys/fs/cgroup/cpu$(grep -E '^[0-9]+:([^:]*,)?cpu(,[^:]*)?:' /proc/self/cgroup | cut -d: -f3)/cpu.cfs_quota_us\""
                : "cat \"/sys/fs/cgroup$(grep '^0::' /proc/self/cgroup | cut -d: -f3)/cpu.max\"";
        ObjectNode t = argvTask("q", List.of("sh", "-c", read));
        t.put("cpus", 0.5);

        RunRecord r = run(c, t);

        assertEquals(
                TaskStatus.SUCCEEDED,
                r.results().get("q").status(),
                r.results().get("q").reason());
        String quota = Files.readString(r.taskDir("q").resolve("stdout.log")).strip();
        assertTrue(quota.startsWith("50000"), quota);
    }

    @Test
    void theGroupsOfAFanoutThatDiedAreStoppedAndRemovedByTheNextRun() throws Exception {
        Containment c = cgroups();
        // a pid that no live process has: a process that ran and was collected
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path tracker = Path.of(c.places().get(0));
        Path group = tracker.resolve(gone.pid() + "-20000101-000000-dead").resolve("t.1");
        Files.createDirectories(group);
        long unique = 3000 + ThreadLocalRandom.current().nextInt(100_000);
        // the orphan enters the dead run's group before it can fork: as fanout's launcher does
        Process orphan = new ProcessBuilder(
                        "sh",
                        "-c",
                        "echo 0 > \"$0\" && exec sleep " + unique,
                        group.resolve("cgroup.procs").toString())
                .start();
        started.add(orphan.pid());
        try {
            waitUntil(() -> !readLines(group.resolve("cgroup.procs")).isEmpty());

            assertTrue(c.reapDead() >= 1);

            assertFalse(Leftovers.alive(orphan.pid()), "the dead run's process still runs");
            assertFalse(Files.exists(group.getParent()), "the dead run's group is still there");
        } finally {
            orphan.destroyForcibly().waitFor();
            CgroupRemoval.remove(group);
        }
    }

    @Test
    void aProcessGroupCatchesAnOrphanThatClearedItsEnvironmentOnTimeout() throws IOException {
        Containment groups = Containment.detect(java.util.Map.of("FANOUT_CONTAINMENT", "process-group"));
        assumeTrue(groups.kind() == Containment.Kind.PROCESS_GROUP, "no setsid program here");
        long unique = 3000 + ThreadLocalRandom.current().nextInt(100_000);
        // the subshell exits at once: its sleep is nobody's descendant and has no FANOUT_RUN_ID, but is in the group
        String script = "(env -i sleep " + unique + " >/dev/null 2>&1 </dev/null & echo $! > \"$1\"); exec sleep 600";
        ObjectNode t = argvTask(
                "t", List.of("sh", "-c", script, "sh", tmp.resolve("daemon.pid").toString()));
        t.put("timeout_seconds", 1);

        RunRecord r = run(groups, t);

        assertEquals(TaskStatus.TIMED_OUT, r.results().get("t").status());
        assertFalse(Leftovers.alive(daemonPid()), "the orphan outlived its timed-out task");
    }

    @Test
    void aMissingProgramIsReportedAsSuchThroughSetsid() {
        Containment groups = Containment.detect(java.util.Map.of("FANOUT_CONTAINMENT", "process-group"));
        assumeTrue(groups.kind() == Containment.Kind.PROCESS_GROUP, "no setsid program here");

        RunRecord r = run(groups, argvTask("nope", List.of("no-such-program-fanout-test")));

        assertEquals(TaskStatus.FAILED, r.results().get("nope").status());
        assertTrue(r.results().get("nope").reason().contains("command not found: no-such-program-fanout-test"));
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting");
            Thread.sleep(10);
        }
    }

    /** Removes a test's group folders, the attempt's then the run's, whatever is left. */
    private static final class CgroupRemoval {
        static void remove(Path group) {
            for (Path p : List.of(group, group.getParent())) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // busy: the next run's sweep removes it
                }
            }
        }
    }
}
