package dev.fanout.exec;

import dev.fanout.Numbers;
import dev.fanout.config.Config;
import dev.fanout.graph.TaskGraph;
import dev.fanout.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Consumer;

/**
 * Runs a task graph: a task starts the moment its dependencies have succeeded and a slot is
 * free, in {@link StartOrder}. What to start, skip, retry or cancel is the {@link Plan}'s to
 * say; the scheduler keeps processes, timers, checkpoints and listeners, and tells the plan what
 * happened. One thread, the caller's, owns all state and reacts to events: attempts launched (by
 * the {@link Launcher}'s threads) and ended, timeouts, retries coming due, cancellation.
 * Processes report their end through the JDK's own reaper.
 */
final class Scheduler implements SchedulerEvent.Handler, Plan.Observer {
    private static final long CHECKPOINT_MILLIS = 200;
    /** Exit code of a process killed by SIGINT, as the JDK reports it. */
    private static final int DIED_OF_SIGINT = 128 + 2;

    private static final long SIGINT_GRACE_MILLIS = 300;

    /** Where the run's record goes while it runs: {@link RecordWriter}. */
    interface Checkpoints {
        /** Hands over every task's result as it stands; returns at once. */
        void offer(Map<String, TaskResult> results);

        /** Whether a snapshot offered now would be written at once: one is made only then. */
        default boolean ready() {
            return true;
        }
    }

    private final TaskGraph graph;
    private final RunOptions options;
    private final Config config;
    private final RunDirectory dir;
    private final RunListener listener;
    private final Checkpoints checkpoints;
    private final BlockingDeque<SchedulerEvent> events = new LinkedBlockingDeque<>();
    private final Timeline timeline;
    private final Launcher launcher;
    private final RetryPolicy retry;
    private final Resolver resolver;

    private final int n;
    private final TaskState[] state;
    private final Plan plan;
    private boolean interrupted;
    /** Dollars the run's agents have reported spending so far. */
    private double spent;

    private boolean dirty;
    private long lastCheckpoint;

    Scheduler(
            TaskGraph graph,
            RunOptions options,
            Config config,
            Map<Task.Kind, TaskRunner> runners,
            Resolver resolver,
            RunDirectory dir,
            RunListener listener,
            Map<String, Double> measured,
            Map<String, TaskResult> carried,
            Checkpoints checkpoints,
            Timeline timeline) {
        this.graph = graph;
        this.timeline = timeline;
        this.options = options;
        this.config = config;
        this.dir = dir;
        this.listener = new GuardedListener(listener);
        this.checkpoints = checkpoints;
        this.retry = new RetryPolicy(config);
        this.resolver = resolver;
        this.n = graph.size();
        state = new TaskState[n];
        for (int v = 0; v < n; v++) {
            state[v] = new TaskState();
        }
        plan = new Plan(
                graph,
                StartOrder.of(graph, options.parallel(), measured),
                options.jobs(),
                options.halt(),
                Plan.Pools.of(graph, config),
                this);
        launcher = new Launcher(runners, resolver, dir, config, timeline.launchers(options.jobs()));
        for (int v = 0; v < n; v++) {
            TaskResult before = carried.get(graph.id(v));
            if (before != null && before.status().isSuccess()) {
                state[v].attempts.addAll(before.attempts());
                state[v].result = before.result();
                state[v].reused = true;
                state[v].reason = "succeeded in an earlier run";
                plan.carry(v); // its dependents no longer wait for it
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
            while (!plan.done()) {
                SchedulerEvent e = next();
                if (e != null) {
                    e.dispatch(this);
                    while ((e = events.poll()) != null) {
                        e.dispatch(this);
                    }
                    fill();
                }
                if (dirty && timeline.millis() - lastCheckpoint >= CHECKPOINT_MILLIS && checkpoints.ready()) {
                    saveCheckpoint();
                }
                if (!plan.done() && plan.running() == 0 && plan.nextDue() == Long.MAX_VALUE && events.isEmpty()) {
                    throw new IllegalStateException(
                            "scheduler stalled with " + (n - plan.finished()) + " tasks not final");
                }
            }
            return results();
        } finally {
            timeline.close();
        }
    }

    private SchedulerEvent next() {
        try {
            return timeline.await(events, dirty ? CHECKPOINT_MILLIS : -1);
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
        lastCheckpoint = timeline.millis();
        checkpoints.offer(results());
    }

    private void fill() {
        for (int v = plan.next(timeline.millis()); v != Plan.NONE; v = plan.next(timeline.millis())) {
            start(v);
        }
    }

    /** Hands the task's launch to a launcher thread; {@link SchedulerEvent.Launched} comes back. */
    private void start(int v) {
        Task task = graph.task(v);
        int number = state[v].attempts.size() + 1;
        state[v].startedAt = timeline.now();
        state[v].timedOut = false;
        dirty = true; // so the record shows what runs
        listener.taskStarted(task.id(), number);
        Consumer<AttemptContext.OutputLine> lines = options.output() == OutputMode.STREAM ? listener::outputLine : null;
        launcher.launch(task, number, lines, launch -> events.add(new SchedulerEvent.Launched(v, number, launch)));
    }

    @Override
    public void launched(SchedulerEvent.Launched e) {
        int v = e.task();
        int number = e.number();
        Launcher.Launch l = e.launch();
        Task task = graph.task(v);
        state[v].context = l.context();
        if (l.resolution() != null) {
            // settled without running (a results cache): a success that took no attempt
            state[v].result = l.resolution().result();
            state[v].reason = l.resolution().reason();
            state[v].cached = l.resolution().cached();
            plan.succeeded(v);
            return;
        }
        if (l.attempt() == null) {
            // it never ran: not worth retrying (no such program, no such folder)
            Attempt a = new Attempt(number, state[v].startedAt, timeline.now(), TaskStatus.FAILED, null, 0, l.error());
            state[v].attempts.add(a);
            if (l.context() != null) {
                dir.joblog(v + 1, a, RunDirectory.describe(task), l.context().stdout());
            }
            if (state[v].stoppedByUs) {
                plan.cancelled(v);
            } else {
                state[v].reason = l.error();
                plan.failed(v, TaskStatus.FAILED);
            }
            return;
        }
        state[v].current = l.attempt();
        AttemptContext ctx = l.context();
        l.attempt().ended().whenComplete((end, error) -> {
            RunningAttempt.AttemptEnd over =
                    error == null ? end : new RunningAttempt.AttemptEnd(null, 0, "the runner failed: " + error);
            if (over.success()) {
                launcher.collect(ctx, c -> events.add(new SchedulerEvent.Ended(v, number, over, c)));
            } else {
                events.add(new SchedulerEvent.Ended(v, number, over));
            }
        });
        if (state[v].stoppedByUs) {
            l.attempt().stop(); // halted while it was being launched
            return;
        }
        double limit = timeoutSeconds(task);
        if (limit > 0) {
            state[v].timeout = timeline.schedule(
                    Math.round(limit * 1000), () -> events.add(new SchedulerEvent.TimedOut(v, number)));
        }
    }

    @Override
    public void ended(SchedulerEvent.Ended e) {
        Integer code = e.end().exitCode();
        if (code != null && code == DIED_OF_SIGINT && !state[e.task()].stoppedByUs && !interrupted) {
            awaitInterrupt();
        }
        ended(e.task(), e.attempt(), e.end(), e.collected());
    }

    @Override
    public void timedOut(SchedulerEvent.TimedOut t) {
        if (state[t.task()].current != null && state[t.task()].attempts.size() + 1 == t.attempt()) {
            state[t.task()].timedOut = true;
            state[t.task()].current.stop();
        }
    }

    @Override
    public void retryDue(SchedulerEvent.RetryDue r) {
        // nothing to do here: the plan makes the retry ready when the loop fills free slots
    }

    @Override
    public void cancel(SchedulerEvent.Cancel c) {
        interrupted = true;
        plan.interrupt(c.reason());
    }

    /**
     * Ctrl-C on a terminal reaches the tasks too, and one may die of it before fanout's own
     * handler speaks: waits a moment for that Cancel, so such a task reads as cancelled rather
     * than failed (and is not retried). Other events that come meanwhile keep their order.
     */
    private void awaitInterrupt() {
        List<SchedulerEvent> deferred = new ArrayList<>();
        long deadline = timeline.millis() + SIGINT_GRACE_MILLIS;
        try {
            SchedulerEvent e;
            while ((e = timeline.await(events, Math.max(0, deadline - timeline.millis()))) != null) {
                if (e instanceof SchedulerEvent.Cancel c) {
                    cancel(c);
                    break;
                }
                deferred.add(e);
            }
        } catch (InterruptedException ie) {
            cancel(new SchedulerEvent.Cancel("interrupted"));
        }
        for (int i = deferred.size() - 1; i >= 0; i--) {
            events.addFirst(deferred.get(i));
        }
    }

    private void ended(int v, int number, RunningAttempt.AttemptEnd end, RunDirectory.Collected collected) {
        state[v].current = null;
        if (state[v].timeout != null) {
            state[v].timeout.cancel();
            state[v].timeout = null;
        }
        Task task = graph.task(v);
        TaskStatus outcome;
        String error = end.error();
        int signal = end.signal();
        if (state[v].stoppedByUs) {
            outcome = TaskStatus.CANCELLED;
            signal = signalOf(end);
        } else if (end.lost()) {
            lost(v, number, end);
            return;
        } else if (state[v].timedOut) {
            outcome = TaskStatus.TIMED_OUT;
            signal = signalOf(end);
            error = "timed out after " + Numbers.text(timeoutSeconds(task)) + "s; its process tree was stopped";
        } else if (end.success()) {
            outcome = TaskStatus.SUCCEEDED;
        } else {
            outcome = TaskStatus.FAILED;
            if (error == null) {
                String last = RunDirectory.lastLine(state[v].context.stderr());
                error = "exit code " + end.exitCode() + (last == null ? "" : " (" + last + ")");
            }
        }
        Instant endedAt = timeline.now();
        // a task that took turns on a shared runner waited for all of its attempt but the time it
        // ran there: this end is noticed after the next one began, and that lag is not running
        double queued = Double.isNaN(end.ranSeconds())
                ? 0
                : Math.max(0, Duration.between(state[v].startedAt, endedAt).toNanos() / 1e9 - end.ranSeconds());
        Attempt a = new Attempt(
                number,
                state[v].startedAt,
                endedAt,
                outcome,
                end.exitCode(),
                signal,
                error,
                queued,
                end.usage(),
                end.worker(),
                false);
        state[v].attempts.add(a);
        spend(end.usage());
        if (outcome == TaskStatus.FAILED && end.overloaded()) {
            backOffPool(v);
        }
        dir.joblog(v + 1, a, RunDirectory.describe(task), state[v].context.stdout());
        if (collected != null && outcome != TaskStatus.SUCCEEDED) {
            dir.discard(state[v].context); // it exited well, but too late: stopped or timed out
        }
        switch (outcome) {
            case SUCCEEDED -> {
                state[v].keep(collected != null ? collected : dir.collect(state[v].context));
                try {
                    resolver.succeeded(task, state[v].context, a.seconds());
                } catch (RuntimeException ignored) {
                    // keeping a result for later never costs this run its success
                }
                plan.succeeded(v);
            }
            case CANCELLED -> plan.cancelled(v);
            default -> {
                int tries = plan.tries(v);
                double delay = retry.delaySeconds(task, tries);
                long wait = Math.round(delay * 1000);
                if (end.retryable() && retry.retries(task, a, tries) && plan.retry(v, timeline.millis() + wait)) {
                    listener.attemptFailed(task.id(), a, delay);
                    timeline.schedule(wait, () -> events.add(new SchedulerEvent.RetryDue(v)));
                } else {
                    if (outcome == TaskStatus.FAILED) {
                        // a failed task may still report what went wrong (a test suite's failures)
                        state[v].keep(dir.collect(state[v].context));
                    }
                    state[v].reason = error;
                    plan.failed(v, outcome);
                }
            }
        }
    }

    /** Counts what an attempt spent; at {@code max_cost_usd}, no new agent task starts. */
    private void spend(Usage usage) {
        double limit = config.maxCostUsd();
        if (usage == null || usage.costUsd() <= 0) {
            return;
        }
        boolean under = spent < limit;
        spent += usage.costUsd();
        if (limit > 0 && under && spent >= limit) {
            String why = "cost limit " + Usage.dollars(limit) + " USD reached (spent " + Usage.dollars(spent) + ")";
            plan.stopStarting(t -> graph.task(t).kind() == Task.Kind.AGENT, why);
        }
    }

    /** The service said it is overloaded: the task's whole pool waits, and the loop wakes when it may go on. */
    private void backOffPool(int v) {
        long now = timeline.millis();
        long until = plan.poolOverloaded(v, now, config.backoffBaseSeconds(), config.maxBackoffSeconds());
        if (until > now) {
            timeline.schedule(until - now, () -> events.add(new SchedulerEvent.RetryDue(v)));
        }
    }

    /**
     * The worker that ran the attempt is gone: the attempt is recorded as lost and the task goes
     * back to the ready queue at once, its retries untouched (at-least-once: it may have run).
     */
    private void lost(int v, int number, RunningAttempt.AttemptEnd end) {
        Task task = graph.task(v);
        Attempt a = new Attempt(
                number,
                state[v].startedAt,
                timeline.now(),
                TaskStatus.FAILED,
                null,
                0,
                end.error(),
                0,
                null,
                end.worker(),
                true);
        state[v].attempts.add(a);
        dir.joblog(v + 1, a, RunDirectory.describe(task), state[v].context.stdout());
        if (plan.requeue(v)) {
            listener.attemptFailed(task.id(), a, 0);
        } else {
            state[v].reason = end.error();
            plan.cancelled(v);
        }
    }

    private double timeoutSeconds(Task task) {
        return task.timeoutSeconds() != null ? task.timeoutSeconds() : config.taskTimeoutSeconds();
    }

    private static int signalOf(RunningAttempt.AttemptEnd end) {
        Integer code = end.exitCode();
        return code != null && code > 128 && code <= 128 + 64 ? code - 128 : 15;
    }

    /** Every final status, in the order the plan gives them: a failed task before the dependents it skips. */
    @Override
    public void settled(int task, TaskStatus status, String why) {
        if (why != null) {
            state[task].reason = why;
        }
        dirty = true;
        AttemptContext c = state[task].context;
        TaskResult result = state[task].settle(graph.id(task), plan.status(task));
        if (!state[task].reused) {
            listener.taskEnded(result, c == null ? null : c.stdout(), c == null ? null : c.stderr());
        }
    }

    @Override
    public void stop(int task, String why) {
        if (state[task].stoppedByUs) {
            return;
        }
        state[task].stoppedByUs = true;
        state[task].reason = why;
        if (state[task].current != null) {
            state[task].current.stop(); // else it is being launched, and is stopped once it has been
        }
    }

    private TaskResult resultOf(int v) {
        return state[v].toResult(graph.id(v), plan.status(v));
    }

    private Map<String, TaskResult> results() {
        Map<String, TaskResult> map = new LinkedHashMap<>();
        for (int v = 0; v < n; v++) {
            map.put(graph.id(v), resultOf(v));
        }
        return map;
    }
}
