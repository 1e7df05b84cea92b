package dev.fanout.session;

import java.util.List;

/** Where sessions are saved, by name. */
public interface SnapshotStore {

    /** A saved session's name, when it was saved, and its size. */
    record Info(String name, java.time.Instant savedAt, int tasks, int runs) {}

    /**
     * Saves a snapshot under its name, replacing an older one atomically.
     *
     * @throws dev.fanout.FanoutException when the name is not a valid session name or the file cannot be written
     */
    void save(Snapshot snapshot);

    /**
     * Reads a snapshot.
     *
     * @throws dev.fanout.FanoutException (bad input) when there is none of that name, or it is corrupt or from a newer fanout
     */
    Snapshot load(String name);

    /** Every saved session that can be read, newest first. */
    List<Info> list();

    /** The names of saved sessions, for completion. */
    List<String> names();
}
