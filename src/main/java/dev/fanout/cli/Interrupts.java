package dev.fanout.cli;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.Signals;

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
        // JLine's Signals wraps sun.misc.Signal by reflection, so no internal API is compiled in.
        // A signal ignored by inheritance (nohup, a background job) stays ignored: the JVM
        // refuses handlers for those.
        return action -> {
            List<String> names = List.of("INT", "TERM", "HUP");
            List<Object> previous = new ArrayList<>();
            for (String name : names) {
                previous.add(Signals.register(name, action));
            }
            return () -> {
                for (int i = 0; i < names.size(); i++) {
                    Signals.unregister(names.get(i), previous.get(i));
                }
            };
        };
    }
}
