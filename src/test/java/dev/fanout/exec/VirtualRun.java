package dev.fanout.exec;

import dev.fanout.config.Config;
import dev.fanout.graph.TaskGraph;
import dev.fanout.task.Task;
import dev.fanout.task.TaskSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Runs a {@link RunCase} through the real {@link Scheduler} on a {@link VirtualTimeline}, with a
 * task runner that plays each attempt's scripted behaviour ({@code build_test.cc}'s
 * FakeCommandRunner, in spirit), and keeps what happened: every attempt the runner saw, the most
 * attempts alive at once, how often each task was reported ended, and the results.
 */
final class VirtualRun {
    /** An attempt as the runner saw it, in virtual milliseconds; {@code end} is -1 while it runs. */
    static final class Seen {
        final String task;
        final int number;
        final long start;
        long end = -1;
        String how;

        Seen(String task, int number, long start) {
            this.task = task;
            this.number = number;
            this.start = start;
        }

        @Override
        public String toString() {
            return task + "#" + number + "[" + start + "-" + end + " " + how + "]";
        }
    }

    /** Memory-backed where there is one: thousands of runs make and delete a folder a task. */
    private static final Path SHM = Path.of("/dev/shm");

    final RunCase c;
    final TaskGraph graph;
    final List<Seen> seen = new ArrayList<>();
    final Map<String, Integer> endedReports = new HashMap<>();
    final Map<String, TaskResult> results;
    final boolean interrupted;
    int alive;
    int maxAlive;

    private final VirtualTimeline timeline = new VirtualTimeline();

    private VirtualRun(RunCase c, Map<String, TaskResult> carried, double backoffBase, double maxBackoff) {
        this.c = c;
        TaskSet set = RunFixture.parse(c.tasksFile(backoffBase, maxBackoff));
        graph = TaskGraph.of(set);
        Config config = Config.defaults().withJson("tasks.json", set.config());
        Path dir;
        try {
            dir = Files.isWritable(SHM)
                    ? Files.createTempDirectory(SHM, "fanout-virtual")
                    : Files.createTempDirectory("fanout-virtual");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunListener counting = new RunListener() {
            @Override
            public void taskEnded(TaskResult result, Path stdout, Path stderr) {
                endedReports.merge(result.taskId(), 1, Integer::sum);
            }
        };
        try (RunDirectory runDir = new RunDirectory("virtual", dir)) {
            Scheduler s = new Scheduler(
                    graph,
                    new RunOptions(c.jobs(), c.parallel(), c.halt(), OutputMode.GROUP, null),
                    config,
                    Map.of(Task.Kind.COMMAND, this::start),
                    Resolver.NONE,
                    runDir,
                    counting,
                    Map.of(),
                    carried,
                    results -> {},
                    timeline);
            if (c.cutAtMillis() >= 0) {
                timeline.schedule(c.cutAtMillis(), () -> s.cancel("cut"));
            }
            results = s.run();
            interrupted = s.interrupted();
        } finally {
            delete(dir);
        }
    }

    /** Runs the case from scratch, with backoff base 2 s and no cap below 60 s. */
    static VirtualRun of(RunCase c) {
        return new VirtualRun(c, Map.of(), 2, 60);
    }

    /** Runs the case resuming a run that ended with {@code before}. */
    static VirtualRun resuming(RunCase c, Map<String, TaskResult> before) {
        return new VirtualRun(c, before, 2, 60);
    }

    static VirtualRun withBackoff(RunCase c, double base, double max) {
        return new VirtualRun(c, Map.of(), base, max);
    }

    private RunningAttempt start(Task task, AttemptContext ctx) {
        int v = graph.indexOf(task.id());
        RunCase.Step step = c.tasks().get(v).step(ctx.attempt());
        Seen s = new Seen(task.id(), ctx.attempt(), timeline.millis());
        seen.add(s);
        alive++;
        maxAlive = Math.max(maxAlive, alive);
        CompletableFuture<RunningAttempt.AttemptEnd> ended = new CompletableFuture<>();
        Timeline.Timer timer = step.kind() == RunCase.Kind.HANG
                ? null
                : timeline.schedule(
                        step.seconds() * 1000L,
                        () -> end(s, ended, step.kind().name(), step.kind() == RunCase.Kind.SUCCEED ? 0 : 1));
        return new RunningAttempt() {
            @Override
            public CompletableFuture<AttemptEnd> ended() {
                return ended;
            }

            @Override
            public void stop() {
                if (timer != null) {
                    timer.cancel();
                }
                end(s, ended, "STOPPED", 128 + 15);
            }
        };
    }

    private void end(Seen s, CompletableFuture<RunningAttempt.AttemptEnd> ended, String how, int exit) {
        if (ended.isDone()) {
            return;
        }
        s.end = timeline.millis();
        s.how = how;
        alive--;
        ended.complete(new RunningAttempt.AttemptEnd(exit, 0, null)); // as a process reports it
    }

    /** The attempts the runner saw of one task, in order. */
    List<Seen> attemptsOf(String task) {
        return seen.stream().filter(s -> s.task.equals(task)).toList();
    }

    TaskStatus status(int v) {
        return results.get(graph.id(v)).status();
    }

    /** When the first task failed for good (after its retries), in virtual milliseconds, or -1. */
    long firstFailure() {
        return results.values().stream()
                .filter(r -> r.status() == TaskStatus.FAILED || r.status() == TaskStatus.TIMED_OUT)
                .map(r -> r.lastAttempt().endedAt().toEpochMilli() - VirtualTimeline.ORIGIN.toEpochMilli())
                .min(Comparator.naturalOrder())
                .orElse(-1L);
    }

    @Override
    public String toString() {
        return "attempts " + seen + "\nresults "
                + results.values().stream()
                        .map(r -> r.taskId() + "=" + r.status().key())
                        .toList();
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind costs nothing
        }
    }
}
