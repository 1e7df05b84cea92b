package dev.fanout.script;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** One piece of work for the engine's thread, and what became of it. */
final class Job<T> {

    /** What a job is, which decides what its script may do. */
    enum Kind {
        /** An expression or a file: may register merges and pipelines, which are then kept as definitions. */
        EVALUATE(true, true, false),
        /** A saved definition evaluated into a new bridge: registers and is kept, but runs nothing. */
        RESTORE(true, true, true),
        /** The definitions evaluated again into a restarted engine: registers functions, runs nothing. */
        REPLAY(true, false, true),
        TASK(false, false, false),
        MERGE(false, false, false),
        PIPELINE(false, false, false);

        final boolean registers;
        final boolean keepsDefinition;
        final boolean skipsSideEffects;

        Kind(boolean registers, boolean keepsDefinition, boolean skipsSideEffects) {
            this.registers = registers;
            this.keepsDefinition = keepsDefinition;
            this.skipsSideEffects = skipsSideEffects;
        }
    }

    /** The work itself; runs on the engine's thread. */
    @FunctionalInterface
    interface Work<T> {
        T run(NashornEngine engine, Job<T> job) throws Exception;
    }

    final Kind kind;
    /** Where the script comes from, for messages: a file, {@code <expression>}, {@code merge 'top3'}. */
    final String origin;

    final Work<T> work;
    final CompletableFuture<T> result = new CompletableFuture<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    /** Registrations this job made, as "merge:NAME" or "pipeline:NAME"; engine thread only. */
    final List<String> registered = new ArrayList<>();
    /** How to take those registrations back if the job fails; engine thread only until it ends. */
    private final List<Runnable> undo = new ArrayList<>();

    private final AtomicBoolean finished = new AtomicBoolean();
    private Runnable onSuccess = () -> {};

    Job(Kind kind, String origin, Work<T> work) {
        this.kind = kind;
        this.origin = origin;
        this.work = work;
    }

    /** Runs just before the job succeeds, on the engine's thread. */
    Job<T> onSuccess(Runnable action) {
        this.onSuccess = action;
        return this;
    }

    void log(String line) {
        log.add(line);
    }

    List<String> logLines() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    void addUndo(Runnable action) {
        synchronized (undo) {
            undo.add(action);
        }
    }

    /** Completes the job with its value, once. */
    void succeed(T value) {
        if (finished.compareAndSet(false, true)) {
            try {
                onSuccess.run();
            } catch (RuntimeException e) {
                undoRegistrations();
                result.completeExceptionally(e);
                return;
            }
            result.complete(value);
        }
    }

    /** Fails the job, once, taking back whatever it registered. */
    void fail(Throwable error) {
        if (finished.compareAndSet(false, true)) {
            undoRegistrations();
            result.completeExceptionally(error);
        }
    }

    boolean finished() {
        return finished.get();
    }

    private void undoRegistrations() {
        List<Runnable> actions;
        synchronized (undo) {
            actions = new ArrayList<>(undo);
            undo.clear();
        }
        Collections.reverse(actions);
        actions.forEach(Runnable::run);
    }

    @Override
    public String toString() {
        return kind + " " + origin;
    }
}
