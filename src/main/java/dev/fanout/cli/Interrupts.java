package dev.fanout.cli;

/**
 * Where Ctrl-C goes while a command runs. One-shot commands catch SIGINT themselves; the shell
 * routes it through its terminal.
 */
public interface Interrupts {

    /** Calls {@code action} on Ctrl-C until the returned handle is closed. */
    Registration onInterrupt(Runnable action);

    /** Ends a registration; the previous behaviour of Ctrl-C comes back. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * SIGINT, and SIGTERM (a CI job cancelled, a service stopped), caught with the JDK's signal
     * API (one-shot and batch use): either stops a run cleanly instead of leaving its tasks running.
     */
    static Interrupts signals() {
        return action -> {
            sun.misc.Signal interrupt = new sun.misc.Signal("INT");
            sun.misc.Signal terminate = new sun.misc.Signal("TERM");
            sun.misc.SignalHandler previousInterrupt = sun.misc.Signal.handle(interrupt, s -> action.run());
            sun.misc.SignalHandler previousTerminate = sun.misc.Signal.handle(terminate, s -> action.run());
            return () -> {
                sun.misc.Signal.handle(interrupt, previousInterrupt);
                sun.misc.Signal.handle(terminate, previousTerminate);
            };
        };
    }
}
