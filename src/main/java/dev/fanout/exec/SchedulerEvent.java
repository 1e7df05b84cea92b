package dev.fanout.exec;

/** What the scheduler's thread reacts to; everything that happens elsewhere arrives as one of these. */
sealed interface SchedulerEvent {

    /** A launcher thread started an attempt (or could not). */
    record Launched(int task, int number, Launcher.Launch launch) implements SchedulerEvent {}

    /** An attempt ended. */
    record Ended(int task, int attempt, RunningAttempt.AttemptEnd end) implements SchedulerEvent {}

    /** An attempt's time limit passed. */
    record TimedOut(int task, int attempt) implements SchedulerEvent {}

    /** A failed task's backoff is over. */
    record RetryDue(int task) implements SchedulerEvent {}

    /** Ctrl-C, or the scheduler's thread was interrupted. */
    record Cancel(String reason) implements SchedulerEvent {}
}
