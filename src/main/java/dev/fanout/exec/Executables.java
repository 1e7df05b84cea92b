package dev.fanout.exec;

import dev.fanout.exec.TaskRunner.LaunchException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds a program as the JDK's launcher does (fanout's PATH), to report a missing one before a wrapper runs it. */
final class Executables {
    private Executables() {}

    /**
     * @throws LaunchException {@code notFoundPrefix + program} when no PATH folder has it, or a
     *     permission error when it is there but cannot be run
     */
    static void check(String program, String notFoundPrefix) throws LaunchException {
        if (program.contains("/")) {
            return; // a path: the wrapper's own error names it well enough
        }
        String path = System.getenv("PATH");
        boolean seen = false;
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(p)) {
                if (Files.isExecutable(p)) {
                    return;
                }
                seen = true;
            }
        }
        throw new LaunchException(
                seen ? "permission denied: " + program + " is not executable" : notFoundPrefix + program);
    }
}
