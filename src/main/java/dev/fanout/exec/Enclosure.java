package dev.fanout.exec;

import java.io.IOException;
import java.util.List;

/** The group of one attempt's processes: how it starts, stops, and ends. */
interface Enclosure {

    /** The argv to start, wrapped when the mechanism needs a step before the program (setsid). */
    List<String> argv(List<String> argv);

    /** Starts the process inside the group, before it can fork anything. */
    Process start(ProcessBuilder pb) throws IOException;

    /** Stops every process in the group (TERM, grace, KILL); blocks until they are gone. */
    void stop(ProcessHandle root);

    /** Whether the kernel killed a process of the group for going over its memory limit. */
    default boolean outOfMemory() {
        return false;
    }

    /**
     * The attempt's main process has ended: an empty group is removed; one that still holds
     * processes (a background service for later tasks) is stopped at the end of the run.
     */
    default void ended() {}
}
