package dev.fanout.exec;

import java.time.Instant;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.Executor;

/**
 * Where the scheduler's time comes from: the clock, timers, waiting for the next event, and the
 * threads attempts are launched on. {@link SystemTimeline} is real time; a virtual timeline (in
 * the tests) jumps from one timer to the next and launches on the caller's thread, so a run of
 * hours takes milliseconds and happens the same way every time.
 */
interface Timeline extends AutoCloseable {

    /** A timer that may be called off. */
    interface Timer {
        void cancel();
    }

    /** The time now, for the record. */
    Instant now();

    /** Milliseconds that never go backwards, from any origin: what timers and retry due times count in. */
    long millis();

    /** Runs {@code action} once {@code delayMillis} have passed, on a thread of the timeline's. */
    Timer schedule(long delayMillis, Runnable action);

    /**
     * The next event: waits for one at most {@code timeoutMillis} (forever when negative).
     *
     * @return the event, or null when the time passed with none
     * @throws InterruptedException when the waiting thread is interrupted
     */
    SchedulerEvent await(BlockingDeque<SchedulerEvent> events, long timeoutMillis) throws InterruptedException;

    /** Where attempts are launched: never the caller's thread in real time, where starting a process blocks. */
    Executor launchers(int jobs);

    /** Stops the timers and launch threads. */
    @Override
    void close();
}
