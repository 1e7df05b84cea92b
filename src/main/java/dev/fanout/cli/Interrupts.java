package dev.fanout.cli;

import java.util.ArrayList;
import java.util.List;

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
     * SIGINT, SIGTERM (a CI job cancelled, a service stopped) and SIGHUP (the terminal or the ssh
     * connection went away), caught with the JDK's signal API: each stops a run cleanly instead
     * of leaving its tasks running. Only while a registration is open; outside one, the JVM's
     * own handling (exit) applies.
     */
    static Interrupts signals() {
        return action -> {
            List<sun.misc.Signal> signals =
                    List.of(new sun.misc.Signal("INT"), new sun.misc.Signal("TERM"), new sun.misc.Signal("HUP"));
            List<sun.misc.SignalHandler> previous = new ArrayList<>();
            for (sun.misc.Signal signal : signals) {
                previous.add(sun.misc.Signal.handle(signal, s -> action.run()));
            }
            return () -> {
                for (int i = 0; i < signals.size(); i++) {
                    sun.misc.Signal.handle(signals.get(i), previous.get(i));
                }
            };
        };
    }
}
