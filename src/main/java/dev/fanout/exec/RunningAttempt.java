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
     * rate-limited (its whole pool backs off).
     */
    record AttemptEnd(
            Integer exitCode,
            int signal,
            String error,
            boolean retryable,
            double ranSeconds,
            Usage usage,
            boolean overloaded) {
        public AttemptEnd(Integer exitCode, int signal, String error, boolean retryable, double ranSeconds) {
            this(exitCode, signal, error, retryable, ranSeconds, null, false);
        }

        public AttemptEnd(Integer exitCode, int signal, String error, boolean retryable) {
            this(exitCode, signal, error, retryable, Double.NaN);
        }

        public AttemptEnd(Integer exitCode, int signal, String error) {
            this(exitCode, signal, error, true);
        }

        public boolean success() {
            return exitCode != null && exitCode == 0 && error == null;
        }
    }
}
