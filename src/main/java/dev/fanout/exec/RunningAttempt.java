package dev.fanout.exec;

import java.util.concurrent.CompletableFuture;

/** An attempt under way. */
public interface RunningAttempt {

    /** An attempt that ends when {@code ended} completes and that {@code stop} stops. */
    static RunningAttempt of(CompletableFuture<AttemptEnd> ended, Runnable stop) {
        return new RunningAttempt() {
            @Override
            public CompletableFuture<AttemptEnd> ended() {
                return ended;
            }

            @Override
            public void stop() {
                stop.run();
            }
        };
    }

    /** Completes when the attempt has ended, however it ended. */
    CompletableFuture<AttemptEnd> ended();

    /**
     * Stops the attempt and everything it started (descendants first: TERM, then KILL after a
     * short grace). Returns at once; {@link #ended()} completes when it is over.
     */
    void stop();

    /**
     * How an attempt ended: an exit code, or the signal that killed it, and an error in words or
     * null; {@code retryable} false when trying again cannot help; {@code ranSeconds}, for a task
     * that takes turns on a shared runner, how long it actually ran there (the rest of the attempt
     * was waiting), or NaN when the whole attempt was running; {@code usage}, what an agent
     * reported it spent, or null; {@code overloaded}, whether the service said it is overloaded or
     * rate-limited (its whole pool backs off); {@code worker}, the cluster worker that ran it
     * ({@code host:port}) or null here; {@code lost}, whether it was lost with that worker.
     */
    record AttemptEnd(
            Integer exitCode,
            int signal,
            String error,
            boolean retryable,
            double ranSeconds,
            Usage usage,
            boolean overloaded,
            String worker,
            boolean lost) {
        public AttemptEnd(
                Integer exitCode,
                int signal,
                String error,
                boolean retryable,
                double ranSeconds,
                Usage usage,
                boolean overloaded) {
            this(exitCode, signal, error, retryable, ranSeconds, usage, overloaded, null, false);
        }

        public AttemptEnd(Integer exitCode, int signal, String error, boolean retryable, double ranSeconds) {
            this(exitCode, signal, error, retryable, ranSeconds, null, false);
        }

        public AttemptEnd(Integer exitCode, int signal, String error, boolean retryable) {
            this(exitCode, signal, error, retryable, Double.NaN);
        }

        public AttemptEnd(Integer exitCode, int signal, String error) {
            this(exitCode, signal, error, true);
        }

        /** An attempt lost with the worker that ran it: it is run again, and does not count as a try. */
        public static AttemptEnd lost(String worker, String why) {
            return new AttemptEnd(null, 0, why, true, Double.NaN, null, false, worker, true);
        }

        /** The same end, run by {@code worker}. */
        public AttemptEnd on(String worker) {
            return new AttemptEnd(exitCode, signal, error, retryable, ranSeconds, usage, overloaded, worker, lost);
        }

        public boolean success() {
            return !lost && exitCode != null && exitCode == 0 && error == null;
        }
    }
}
