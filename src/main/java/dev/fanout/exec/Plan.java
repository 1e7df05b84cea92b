package dev.fanout.exec;

import dev.fanout.graph.TaskGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.IntPredicate;

/**
 * What a run should do next, as pure state (ninja's {@code Plan}, apart from its {@code Builder}):
 * which tasks wait for dependencies, which are ready and in what order, how many slots (and pool
 * slots) are taken, which failed tasks wait for a retry and until when, which tasks a failure
 * skips and what a halt cancels, which tasks may no longer start (a cost limit) and until when
 * an overloaded pool starts nothing. It has no threads and no clock: the caller says what happened
 * and what time it is (milliseconds from any origin), and asks {@link #next} what to start.
 *
 * <p>Every task ends in exactly one final {@link TaskStatus}. The caller reports the ends of
 * tasks it started ({@link #succeeded}, {@link #retry}, {@link #failed}, {@link #cancelled});
 * the plan settles the others itself (skipped, cancelled) and tells the {@link Observer}. A
 * task handed out by {@link #next} may also be settled without running (a results cache): report
 * it as {@link #succeeded}. Each call costs O(log n) plus the edges it touches; only a halt walks
 * every task, once. Not thread-safe: one thread owns a plan.
 */
public final class Plan {
    /** What {@link #next} returns when nothing should start now. */
    public static final int NONE = -1;

    /** What the plan tells whoever runs the tasks. */
    public interface Observer {
        /**
         * A task has its final status, in the order they are reached (a failed task before the
         * dependents it skips).
         *
         * @param why why the plan settled it (skipped, cancelled by a halt), in words; null for an
         *     end the caller reported or carried over
         */
        void settled(int task, TaskStatus status, String why);

        /** A running task must stop (a halt): report its end with {@link #cancelled} once it has. */
        void stop(int task, String why);
    }

    /**
     * Named concurrency pools: at most {@code limits.get(pool)} tasks of a pool run at once, on
     * top of the run's slots.
     *
     * @param limits each pool's limit, at least 1
     * @param poolOfTask a task's pool, by task id; tasks not listed are in no pool
     */
    public record Pools(Map<String, Integer> limits, Map<String, String> poolOfTask) {
        public static final Pools NONE = new Pools(Map.of(), Map.of());

        /** The configured pools ({@code pools}) and the tasks that name one ({@code pool}). */
        public static Pools of(TaskGraph graph, dev.fanout.config.Config config) {
            Map<String, String> of = new java.util.HashMap<>();
            for (int v = 0; v < graph.size(); v++) {
                String p = graph.task(v).pool();
                if (p != null) {
                    of.put(graph.id(v), p);
                }
            }
            return of.isEmpty() ? NONE : new Pools(config.pools(), of);
        }

        public Pools {
            limits = Map.copyOf(limits);
            poolOfTask = Map.copyOf(poolOfTask);
            for (Map.Entry<String, Integer> e : limits.entrySet()) {
                if (e.getValue() < 1) {
                    throw new IllegalArgumentException(
                            "pool " + e.getKey() + " needs a limit of at least 1, not " + e.getValue());
                }
            }
            for (Map.Entry<String, String> e : poolOfTask.entrySet()) {
                if (!limits.containsKey(e.getValue())) {
                    throw new IllegalArgumentException(
                            "task " + e.getKey() + " is in pool " + e.getValue() + ", which has no limit");
                }
            }
        }
    }

    // where a task stands, inside the plan
    private static final byte WAITING = 0; // for dependencies
    private static final byte READY = 1; // in the ready queue, or delayed by a full pool
    private static final byte RUNNING = 2;
    private static final byte BACKOFF = 3; // failed, retried once its due time comes
    private static final byte FINAL = 4;

    private record Due(long at, long seq, int task) {}

    private final TaskGraph graph;
    private final int jobs;
    private final HaltPolicy halt;
    private final Observer observer;
    private final int n;
    private final byte[] state;
    private final TaskStatus[] status;
    private final int[] waiting;
    private final int[] attempts;
    private final PriorityQueue<Integer> ready;
    private final PriorityQueue<Due> due =
            new PriorityQueue<>(Comparator.comparingLong(Due::at).thenComparingLong(Due::seq));
    private long dueSeq;
    private final int[] pool;
    private final int[] poolLimit;
    private final int[] poolRunning;
    private final List<PriorityQueue<Integer>> delayed = new ArrayList<>();
    /** No task of the pool starts before this time (an overloaded service); 0 for none. */
    private final long[] poolNotBefore;
    /** Overloads in a row since the pool's last success: the exponent of its backoff. */
    private final int[] poolStrikes;

    private IntPredicate closed;
    private String closedWhy;
    private int running;
    private int finished;
    private boolean started;
    private boolean halting;

    /**
     * A plan with every task waiting for its dependencies; those with none are ready.
     *
     * @param order which ready task starts first ({@link StartOrder})
     * @param jobs how many tasks run at once
     * @param halt what a failure does to the rest of the run
     * @throws IllegalArgumentException when {@code jobs} is less than 1
     */
    public Plan(TaskGraph graph, Comparator<Integer> order, int jobs, HaltPolicy halt, Pools pools, Observer observer) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
        }
        this.graph = graph;
        this.jobs = jobs;
        this.halt = halt;
        this.observer = observer;
        this.n = graph.size();
        state = new byte[n];
        status = new TaskStatus[n];
        waiting = new int[n];
        attempts = new int[n];
        ready = new PriorityQueue<>(Math.max(1, n), order);
        List<String> names = new ArrayList<>(pools.limits().keySet());
        poolLimit = new int[names.size()];
        poolRunning = new int[names.size()];
        poolNotBefore = new long[names.size()];
        poolStrikes = new int[names.size()];
        for (int p = 0; p < names.size(); p++) {
            poolLimit[p] = pools.limits().get(names.get(p));
            delayed.add(new PriorityQueue<>(order));
        }
        pool = new int[n];
        for (int v = 0; v < n; v++) {
            String p = pools.poolOfTask().get(graph.id(v));
            pool[v] = p == null ? -1 : names.indexOf(p);
            waiting[v] = graph.predecessorCount(v);
            if (waiting[v] == 0) {
                state[v] = READY;
                ready.add(v);
            }
        }
    }

    /**
     * Marks a task as succeeded before the run starts (carried over from the run being resumed):
     * its dependents no longer wait for it.
     *
     * @throws IllegalStateException once a task has been handed out, or when the task is already final
     */
    public void carry(int task) {
        if (started || state[task] == FINAL) {
            throw new IllegalStateException("cannot carry " + graph.id(task) + " over now");
        }
        settle(task, TaskStatus.SUCCEEDED, null); // if it was in the ready queue, it is passed over there
        release(task);
    }

    /**
     * The task to start now, marked running, or {@link #NONE} when no slot is free, nothing is
     * ready, or the run is halting. Retries whose due time is {@code now} or earlier become ready.
     * Call it until it returns {@link #NONE}.
     */
    public int next(long now) {
        started = true;
        if (halting) {
            return NONE;
        }
        while (!due.isEmpty() && due.peek().at() <= now) {
            int v = due.poll().task();
            state[v] = READY;
            ready.add(v);
        }
        for (int p = 0; p < poolNotBefore.length; p++) {
            if (poolNotBefore[p] != 0 && poolNotBefore[p] <= now) {
                poolNotBefore[p] = 0; // its backoff is over: what it held back may start
                PriorityQueue<Integer> held = delayed.get(p);
                while (!held.isEmpty()) {
                    ready.add(held.poll());
                }
            }
        }
        while (running < jobs && !ready.isEmpty()) {
            int v = ready.poll();
            if (state[v] != READY) {
                continue; // carried over while it was queued
            }
            if (closed != null && closed.test(v)) {
                settle(v, TaskStatus.SKIPPED, closedWhy);
                skipDependents(v);
                if (pool[v] >= 0) {
                    passTurn(pool[v]); // it had the pool's turn: the next task its pool held back gets it
                }
                continue;
            }
            int p = pool[v];
            if (p >= 0 && (poolRunning[p] >= poolLimit[p] || poolNotBefore[p] > now)) {
                // back in the ready queue when a task of its pool ends, or when its backoff is over
                delayed.get(p).add(v);
                continue;
            }
            state[v] = RUNNING;
            attempts[v]++;
            running++;
            if (p >= 0) {
                poolRunning[p]++;
            }
            return v;
        }
        return NONE;
    }

    /** A started task succeeded (or was settled without running): its dependents may become ready. */
    public void succeeded(int task) {
        leave(task);
        if (pool[task] >= 0) {
            poolStrikes[pool[task]] = 0;
        }
        settle(task, TaskStatus.SUCCEEDED, null);
        release(task);
    }

    /**
     * A started task failed and is to be tried again at {@code dueAt}.
     *
     * @return false when the plan is halting: nothing is retried, so report it {@link #failed}
     */
    public boolean retry(int task, long dueAt) {
        requireRunning(task);
        if (halting) {
            return false;
        }
        leave(task);
        state[task] = BACKOFF;
        due.add(new Due(dueAt, dueSeq++, task));
        return true;
    }

    /**
     * A started task was lost with the machine that ran it (a cluster worker gone): it goes back
     * to the ready queue at once, and the lost try does not count in {@link #tries}.
     *
     * @return false when the plan is halting: nothing starts again, so report it {@link #cancelled}
     */
    public boolean requeue(int task) {
        requireRunning(task);
        if (halting) {
            return false;
        }
        leave(task);
        attempts[task]--;
        state[task] = READY;
        ready.add(task);
        return true;
    }

    /** How many times the task was handed out, not counting tries lost with their machine: what retries count. */
    public int tries(int task) {
        return attempts[task];
    }

    /**
     * A started task failed for good ({@link TaskStatus#FAILED} or {@link TaskStatus#TIMED_OUT}):
     * its dependents are skipped, and the halt policy applies.
     */
    public void failed(int task, TaskStatus how) {
        if (how != TaskStatus.FAILED && how != TaskStatus.TIMED_OUT) {
            throw new IllegalArgumentException("not a failure: " + how);
        }
        leave(task);
        settle(task, how, null);
        skipDependents(task);
        if (halt != HaltPolicy.NEVER && !halting) {
            halt(
                    "--halt " + halt.name().toLowerCase(java.util.Locale.ROOT) + " after " + graph.id(task) + " failed",
                    halt == HaltPolicy.NOW);
        }
    }

    /** A started task was stopped by a halt or an interrupt, and has ended. */
    public void cancelled(int task) {
        leave(task);
        settle(task, TaskStatus.CANCELLED, null);
    }

    /**
     * From now on no task that {@code which} accepts starts: each is skipped with {@code why}
     * when its turn would come, and its dependents with it (as a failure's are). Running tasks
     * run on; tasks {@code which} refuses start as before. A later call replaces the earlier one.
     */
    public void stopStarting(IntPredicate which, String why) {
        closed = which;
        closedWhy = why;
    }

    /**
     * A task of a pool met an overloaded service: no task of that pool starts before {@code now}
     * plus {@code baseSeconds ^ k} seconds (k overloads in a row since the pool's last success),
     * never more than {@code capSeconds}. Tasks of other pools are not held back.
     *
     * @return when the pool may start tasks again, or {@code now} when the task is in no pool
     */
    public long poolOverloaded(int task, long now, double baseSeconds, double capSeconds) {
        int p = pool[task];
        if (p < 0) {
            return now;
        }
        poolStrikes[p]++;
        double seconds = Math.min(Math.pow(baseSeconds, poolStrikes[p]), capSeconds);
        long until = now + Math.round(seconds * 1000);
        poolNotBefore[p] = Math.max(poolNotBefore[p], until);
        return poolNotBefore[p];
    }

    /** Ctrl-C: nothing more starts, every task not started is cancelled, and every running one is to stop. */
    public void interrupt(String why) {
        halt("interrupted (" + why + ")", true);
    }

    /**
     * When the earliest retry comes due or a pool's backoff ends with tasks held back, or
     * {@link Long#MAX_VALUE} when none waits.
     */
    public long nextDue() {
        long at = due.isEmpty() ? Long.MAX_VALUE : due.peek().at();
        for (int p = 0; p < poolNotBefore.length; p++) {
            if (poolNotBefore[p] != 0 && !delayed.get(p).isEmpty()) {
                at = Math.min(at, poolNotBefore[p]);
            }
        }
        return at;
    }

    /** Whether every task has its final status. */
    public boolean done() {
        return finished == n;
    }

    /** How many tasks are running (handed out and not yet reported). */
    public int running() {
        return running;
    }

    /** How many tasks have their final status. */
    public int finished() {
        return finished;
    }

    /** Whether a failure (with {@code --halt}) or an interrupt stopped the run from starting more. */
    public boolean halting() {
        return halting;
    }

    /** A task's status: pending (waiting, ready or waiting to be retried), running, or final. */
    public TaskStatus status(int task) {
        return switch (state[task]) {
            case RUNNING -> TaskStatus.RUNNING;
            case FINAL -> status[task];
            default -> TaskStatus.PENDING;
        };
    }

    private void requireRunning(int task) {
        if (state[task] != RUNNING) {
            throw new IllegalStateException(graph.id(task) + " is not running but " + status(task));
        }
    }

    /** The task no longer holds a slot; the best task its full pool delayed gets its turn. */
    private void leave(int task) {
        requireRunning(task);
        running--;
        int p = pool[task];
        if (p >= 0) {
            poolRunning[p]--;
            passTurn(p);
        }
    }

    /** The best task the pool held back goes back to the ready queue. */
    private void passTurn(int p) {
        PriorityQueue<Integer> waitingForPool = delayed.get(p);
        while (!waitingForPool.isEmpty()) {
            int v = waitingForPool.poll();
            if (state[v] == READY) {
                ready.add(v);
                break;
            }
        }
    }

    private void settle(int task, TaskStatus s, String why) {
        state[task] = FINAL;
        status[task] = s;
        finished++;
        observer.settled(task, s, why);
    }

    private void release(int task) {
        for (int i = 0, k = graph.successorCount(task); i < k; i++) {
            int w = graph.successor(task, i);
            if (--waiting[w] == 0 && state[w] == WAITING && !halting) {
                state[w] = READY;
                ready.add(w);
            }
        }
    }

    /** Skips every task that depends on {@code failed}, directly or not: each is waiting, so each is visited once. */
    private void skipDependents(int failed) {
        String what = graph.id(failed) + " " + status[failed].key().replace('_', ' ');
        ArrayList<Integer> stack = new ArrayList<>();
        stack.add(failed);
        while (!stack.isEmpty()) {
            int v = stack.remove(stack.size() - 1);
            for (int i = 0, k = graph.successorCount(v); i < k; i++) {
                int w = graph.successor(v, i);
                if (state[w] == WAITING) {
                    settle(
                            w,
                            TaskStatus.SKIPPED,
                            v == failed
                                    ? "dependency " + what
                                    : "dependency " + graph.id(v) + " was skipped (" + what + ")");
                    stack.add(w);
                }
            }
        }
    }

    /** Starts nothing more; cancels what has not started; with {@code stopRunning}, asks for what runs to stop. */
    private void halt(String why, boolean stopRunning) {
        halting = true;
        ready.clear();
        due.clear();
        delayed.forEach(PriorityQueue::clear);
        for (int v = 0; v < n; v++) {
            if (state[v] == WAITING || state[v] == READY || state[v] == BACKOFF) {
                settle(v, TaskStatus.CANCELLED, (attempts[v] == 0 ? "not started: " : "not retried: ") + why);
            } else if (state[v] == RUNNING && stopRunning) {
                observer.stop(v, "stopped: " + why);
            }
        }
    }
}
