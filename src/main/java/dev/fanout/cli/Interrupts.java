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

    /** SIGINT caught with the JDK's signal API (one-shot and batch use). */
    static Interrupts signals() {
        return action -> {
            sun.misc.Signal sig = new sun.misc.Signal("INT");
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(sig, s -> action.run());
            return () -> sun.misc.Signal.handle(sig, previous);
        };
    }
}
