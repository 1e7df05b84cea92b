package dev.fanout.agent;

import dev.fanout.LocatedException;
import dev.fanout.Location;
import java.nio.file.Path;

/**
 * A file that looks like a skill or agent but cannot be read as one: listings report it rather
 * than skip it.
 *
 * @param line 1-based, or 0 when the problem is the file as a whole
 */
public record ResourceProblem(Path path, int line, String problem) {

    static ResourceProblem of(LocatedException e) {
        return new ResourceProblem(Path.of(e.file()), e.line(), e.problem());
    }

    /** {@code path:line: problem}. */
    @Override
    public String toString() {
        return Location.of(path, line, 0) + ": " + problem;
    }
}
