package dev.fanout.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Which process owns a run's worktrees: its pid and start time, so a reused pid is not mistaken for it. */
final class Owner {
    private Owner() {}

    /** This process, as an owner file holds it. */
    static String current() {
        ProcessHandle self = ProcessHandle.current();
        return self.pid() + " "
                + self.info().startInstant().map(Object::toString).orElse("?") + "\n";
    }

    /** Whether the process an owner file names is still running (a missing or bad file: not). */
    static boolean alive(Path file) {
        try {
            String[] f = Files.readString(file).strip().split(" ");
            Optional<ProcessHandle> p = ProcessHandle.of(Long.parseLong(f[0]));
            return p.isPresent()
                    && p.get().isAlive()
                    && p.get()
                            .info()
                            .startInstant()
                            .map(Object::toString)
                            .orElse("?")
                            .equals(f[1]);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
