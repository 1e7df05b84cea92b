package dev.fanout.exec;

import dev.fanout.config.Config;
import dev.fanout.graph.TaskGraph;
import dev.fanout.task.Task;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a task graph: a task starts the moment its dependencies have succeeded and a slot is
 * free, in {@link StartOrder}. One thread, the caller's, owns all state and reacts to events:
 * attempts launched (by the {@link Launcher}'s threads) and ended, timeouts, retries coming due,
 * cancellation. Processes report their end through the JDK's own reaper.
 */
final class Scheduler {
    private static final long CHECKPOINT_MILLIS = 200;
    /** Exit code of a process killed by SIGINT, as the JDK reports it. */
    private static final int DIED_OF_SIGINT = 128 + 2;

    private static final long SIGINT_GRACE_MILLIS = 300;

    private final TaskGraph graph;
    private final RunOptions options;
    private final Config config;
    private final RunDirectory dir;
    private final RunListener listener;
    private final Consumer<Map<String, TaskResult>> checkpoint;
    private final BlockingDeque<SchedulerEvent> events = new LinkedBlockingDeque<>();
    private final ScheduledExecutorService timers;
    private final Launcher launcher;
    private final RetryPolicy retry;

    private final int n;
    private final TaskState[] state;
    private final PriorityQueue<Integer> ready;
    private int running;
    private int finished;
    private int retriesPending;
    private boolean halting;
    private boolean interrupted;
    private boolean dirty;
    private long lastCheckpoint;

    Scheduler(
            TaskGraph graph,
            RunOptions options,
            Config config,
            Map<Task.Kind, TaskRunner> runners,
            RunDirectory dir,
            RunListener listener,
            Map<String, Double> measured,
            Map<String, TaskResult> carried,
            Consumer<Map<String, TaskResult>> checkpoint) {
        this.graph = graph;
        this.options = options;
        this.config = config;
        this.dir = dir;
        this.listener = new GuardedListener(listener);
        this.checkpoint = checkpoint;
        this.retry = new RetryPolicy(config);
        this.n = graph.size();
        state = new TaskState[n];
        ready = new PriorityQueue<>(Math.max(1, n), StartOrder.of(graph, options.parallel(), measured));
        for (int v = 0; v < n; v++) {
            state[v] = new TaskState(graph.predecessorCount(v));
        }
        timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fanout-timers");
            t.setDaemon(true);
            return t;
        });
        launcher = new Launcher(runners, dir, config, options.jobs());
        for (int v = 0; v < n; v++) {
            TaskResult before = carried.get(graph.id(v));
            if (before != null && before.status() == TaskStatus.SUCCEEDED) {
                state[v].attempts.addAll(before.attempts());
                state[v].result = before.result();
                state[v].reused = true;
                state[v].reason = "succeeded in an earlier run";
                finish(v, TaskStatus.SUCCEEDED);
            }
        }
        for (int v = 0; v < n; v++) {
            if (state[v].status == TaskStatus.PENDING && state[v].waiting == 0) {
                ready.add(v);
            }
        }
    }

    /** Asks the run to stop (Ctrl-C): running trees are stopped, everything else is cancelled. Any thread. */
    void cancel(String why) {
        events.add(new SchedulerEvent.Cancel(why));
    }

    /**
     * Runs until every task has a final status.
     *
     * @return each task's result, in file order
     */
    Map<String, TaskResult> run() {
        try {
            fill();
            while (finished < n) {
                SchedulerEvent e = next();
                if (e != null) {
                    handle(e);
                    while ((e = events.poll()) != null) {
                        handle(e);
                    }
                    fill();
                }
                if (dirty && System.currentTimeMillis() - lastCheckpoint >= CHECKPOINT_MILLIS) {
                    saveCheckpoint();
                }
                if (finished < n && running == 0 && ready.isEmpty() && retriesPending == 0 && events.isEmpty()) {
                    throw new IllegalStateException("scheduler stalled with " + (n - finished) + " tasks not final");
                }
            }
            return results();
        } finally {
            timers.shutdownNow();
            launcher.close();
        }
    }

    private SchedulerEvent next() {
        try {
            return dirty ? events.poll(CHECKPOINT_MILLIS, TimeUnit.MILLISECONDS) : events.take();
        } catch (InterruptedException e) {
            // the thread running the scheduler was interrupted: treat it as Ctrl-C
            return new SchedulerEvent.Cancel("interrupted");
        }
    }

    boolean interrupted() {
        return interrupted;
    }

    private void saveCheckpoint() {
        dirty = false;
        lastCheckpoint = System.currentTimeMillis();
        checkpoint.accept(results());
    }

    private void fill() {
        while (!halting && running < options.jobs() && !ready.isEmpty()) {
            start(ready.poll());
        }
    }

    /** Marks the task running and hands its launch to a launcher thread; {@link Launched} comes back. */
    private void start(int v) {
        Task task = graph.task(v);
        int number = state[v].attempts.size() + 1;
        state[v].startedAt = Instant.now();
        state[v].timedOut = false;
        state[v].status = TaskStatus.RUNNING;
        running++;
        dirty = true; // so the record shows what runs
        listener.taskStarted(task.id(), number);
        Consumer<AttemptContext.OutputLine> lines = options.output() == OutputMode.STREAM ? listener::outputLine : null;
        launcher.launch(task, number, lines, launch -> events.add(new SchedulerEvent.Launched(v, number, launch)));
    }

    private void launched(int v, int number, Launcher.Launch l) {
        Task task = graph.task(v);
        state[v].context = l.context();
        if (l.attempt() == null) {
            // it never ran: not worth retrying (no such program, no such folder)
            running--;
            Attempt a = new Attempt(number, state[v].startedAt, Instant.now(), TaskStatus.FAILED, null, 0, l.error());
            state[v].attempts.add(a);
            if (l.context() != null) {
                dir.joblog(v + 1, a, RunDirectory.describe(task), l.context().stdout());
            }
            if (state[v].stoppedByUs) {
                finish(v, TaskStatus.CANCELLED);
            } else {
                failed(v, TaskStatus.FAILED, l.error());
            }
            return;
        }
        state[v].current = l.attempt();
        l.attempt()
                .ended()
                .whenComplete((end, error) -> events.add(new SchedulerEvent.Ended(
                        v,
                        number,
                        error == null ? end : new RunningAttempt.AttemptEnd(null, 0, "the runner failed: " + error))));
        if (state[v].stoppedByUs) {
            l.attempt().stop(); // halted while it was being launched
            return;
        }
        double limit = timeoutSeconds(task);
        if (limit > 0) {
            state[v].timeout = timers.schedule(
                    () -> events.add(new SchedulerEvent.TimedOut(v, number)),
                    Math.round(limit * 1000),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void handle(SchedulerEvent e) {
        if (e instanceof SchedulerEvent.Launched l) {
            launched(l.task(), l.number(), l.launch());
        } else if (e instanceof SchedulerEvent.Ended ended) {
            Integer code = ended.end().exitCode();
            if (code != null && code == DIED_OF_SIGINT && !state[ended.task()].stoppedByUs && !interrupted) {
                awaitInterrupt();
            }
            ended(ended.task(), ended.attempt(), ended.end());
        } else if (e instanceof SchedulerEvent.TimedOut t) {
            if (state[t.task()].current != null && state[t.task()].attempts.size() + 1 == t.attempt()) {
                state[t.task()].timedOut = true;
                state[t.task()].current.stop();
            }
        } else if (e instanceof SchedulerEvent.RetryDue r) {
            retriesPending--;
            if (state[r.task()].status == TaskStatus.PENDING) {
                ready.add(r.task());
            }
        } else if (e instanceof SchedulerEvent.Cancel c) {
            interrupted = true;
            halt("interrupted (" + c.reason() + ")", true);
        }
    }

    /**
     * Ctrl-C on a terminal reaches the tasks too, and one may die of it before fanout's own
     * handler speaks: waits a moment for that Cancel, so such a task reads as cancelled rather
     * than failed (and is not retried). Other events that come meanwhile keep their order.
     */
    private void awaitInterrupt() {
        List<SchedulerEvent> deferred = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SIGINT_GRACE_MILLIS);
        try {
            SchedulerEvent e;
            while ((e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
                if (e instanceof SchedulerEvent.Cancel) {
                    handle(e);
                    break;
                }
                deferred.add(e);
            }
        } catch (InterruptedException ie) {
            handle(new SchedulerEvent.Cancel("interrupted"));
        }
        for (int i = deferred.size() - 1; i >= 0; i--) {
            events.addFirst(deferred.get(i));
        }
    }

    private void ended(int v, int number, RunningAttempt.AttemptEnd end) {
        running--;
        state[v].current = null;
        if (state[v].timeout != null) {
            state[v].timeout.cancel(false);
            state[v].timeout = null;
        }
        Task task = graph.task(v);
        TaskStatus outcome;
        String error = end.error();
        int signal = end.signal();
        if (state[v].stoppedByUs) {
            outcome = TaskStatus.CANCELLED;
            signal = signalOf(end);
        } else if (state[v].timedOut) {
            outcome = TaskStatus.TIMED_OUT;
            signal = signalOf(end);
            error = "timed out after " + dev.fanout.graph.Decision.fmt(timeoutSeconds(task))
                    + "s; its process tree was stopped";
        } else if (end.success()) {
            outcome = TaskStatus.SUCCEEDED;
        } else {
            outcome = TaskStatus.FAILED;
            if (error == null) {
                String last = RunDirectory.lastLine(state[v].context.stderr());
                error = "exit code " + end.exitCode() + (last == null ? "" : " (" + last + ")");
            }
        }
        Attempt a = new Attempt(
                number, state[v].startedAt, Instant.now(), outcome, end.exitCode(), signal, error, end.queuedSeconds());
        state[v].attempts.add(a);
        dir.joblog(v + 1, a, RunDirectory.describe(task), state[v].context.stdout());
        switch (outcome) {
            case SUCCEEDED -> {
                state[v].keep(dir.collect(state[v].context));
                finish(v, TaskStatus.SUCCEEDED);
                for (int i = 0, k = graph.successorCount(v); i < k; i++) {
                    int w = graph.successor(v, i);
                    if (--state[w].waiting == 0 && state[w].status == TaskStatus.PENDING && !halting) {
                        ready.add(w);
                    }
                }
            }
            case CANCELLED -> finish(v, TaskStatus.CANCELLED);
            default -> {
                if (!halting && end.retryable() && retry.retries(task, a)) {
                    double delay = retry.delaySeconds(number);
                    retriesPending++;
                    state[v].status = TaskStatus.PENDING;
                    listener.attemptFailed(task.id(), a, delay);
                    timers.schedule(
                            () -> events.add(new SchedulerEvent.RetryDue(v)),
                            Math.round(delay * 1000),
                            TimeUnit.MILLISECONDS);
                } else {
                    if (outcome == TaskStatus.FAILED) {
                        // a failed task may still report what went wrong (a test suite's failures)
                        state[v].keep(dir.collect(state[v].context));
                    }
                    failed(v, outcome, error);
                }
            }
        }
    }

    private double timeoutSeconds(Task task) {
        return task.timeoutSeconds() != null ? task.timeoutSeconds() : config.taskTimeoutSeconds();
    }

    private static int signalOf(RunningAttempt.AttemptEnd end) {
        Integer code = end.exitCode();
        return code != null && code > 128 && code <= 128 + 64 ? code - 128 : 15;
    }

    private void failed(int v, TaskStatus outcome, String error) {
        state[v].reason = error;
        finish(v, outcome);
        skipDependents(v);
        if (options.halt() != HaltPolicy.NEVER && !halting) {
            halt(
                    "--halt " + options.halt().name().toLowerCase() + " after " + graph.id(v) + " failed",
                    options.halt() == HaltPolicy.NOW);
        }
    }

    private void skipDependents(int failed) {
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(failed);
        Set<Integer> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            int v = queue.poll();
            for (int i = 0, k = graph.successorCount(v); i < k; i++) {
                int w = graph.successor(v, i);
                if (seen.add(w) && state[w].status == TaskStatus.PENDING) {
                    state[w].reason = v == failed
                            ? "dependency " + graph.id(failed) + " "
                                    + state[failed].status.key().replace('_', ' ')
                            : "dependency " + graph.id(v) + " was skipped (" + graph.id(failed) + " "
                                    + state[failed].status.key().replace('_', ' ') + ")";
                    ready.remove(w);
                    finish(w, TaskStatus.SKIPPED);
                    queue.add(w);
                }
            }
        }
    }

    /** Starts nothing more; cancels what has not started; with {@code stopRunning}, stops what has. */
    private void halt(String why, boolean stopRunning) {
        halting = true;
        for (int v = 0; v < n; v++) {
            if (state[v].status == TaskStatus.PENDING) {
                state[v].reason = (state[v].attempts.isEmpty() ? "not started: " : "not retried: ") + why;
                finish(v, TaskStatus.CANCELLED);
            } else if (state[v].status == TaskStatus.RUNNING && stopRunning && !state[v].stoppedByUs) {
                state[v].stoppedByUs = true;
                state[v].reason = "stopped: " + why;
                if (state[v].current != null) {
                    state[v].current.stop(); // else it is being launched, and is stopped once it has been
                }
            }
        }
        ready.clear();
    }

    private void finish(int v, TaskStatus s) {
        state[v].status = s;
        finished++;
        dirty = true;
        if (!state[v].reused) {
            AttemptContext c = state[v].context;
            listener.taskEnded(resultOf(v), c == null ? null : c.stdout(), c == null ? null : c.stderr());
        }
    }

    private TaskResult resultOf(int v) {
        return state[v].toResult(graph.id(v));
    }

    private Map<String, TaskResult> results() {
        Map<String, TaskResult> map = new LinkedHashMap<>();
        for (int v = 0; v < n; v++) {
            map.put(graph.id(v), resultOf(v));
        }
        return map;
    }
}
