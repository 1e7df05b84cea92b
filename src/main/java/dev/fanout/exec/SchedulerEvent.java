package dev.fanout.exec;

/**
 * What the scheduler's thread reacts to; everything that happens elsewhere arrives as one of
 * these. Each kind is one method of {@link Handler}, so a new kind does not compile until the
 * scheduler handles it.
 */
sealed interface SchedulerEvent {

    /** Hands the event to the handler's method for its kind. */
    void dispatch(Handler h);

    /** One method per kind of event. */
    interface Handler {
        void launched(Launched e);

        void ended(Ended e);

        void timedOut(TimedOut e);

        void retryDue(RetryDue e);

        void cancel(Cancel e);
    }

    /** A launcher thread started an attempt (or could not, or settled the task without running it). */
    record Launched(int task, int number, Launcher.Launch launch) implements SchedulerEvent {
        @Override
        public void dispatch(Handler h) {
            h.launched(this);
        }
    }

    /** An attempt ended. */
    record Ended(int task, int attempt, RunningAttempt.AttemptEnd end) implements SchedulerEvent {
        @Override
        public void dispatch(Handler h) {
            h.ended(this);
        }
    }

    /** An attempt's time limit passed. */
    record TimedOut(int task, int attempt) implements SchedulerEvent {
        @Override
        public void dispatch(Handler h) {
            h.timedOut(this);
        }
    }

    /** A failed task's backoff is over: the plan has a retry due. */
    record RetryDue(int task) implements SchedulerEvent {
        @Override
        public void dispatch(Handler h) {
            h.retryDue(this);
        }
    }

    /** Ctrl-C, or the scheduler's thread was interrupted. */
    record Cancel(String reason) implements SchedulerEvent {
        @Override
        public void dispatch(Handler h) {
            h.cancel(this);
        }
    }
}
