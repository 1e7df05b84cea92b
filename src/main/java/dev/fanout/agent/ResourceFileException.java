package dev.fanout.agent;

import dev.fanout.FanoutException;
import dev.fanout.Location;
import java.nio.file.Path;

/**
 * A skill or agent file that cannot be used as it is: it names the file and the line (1-based;
 * 0 when the problem is the file as a whole), and is bad input (exit 2).
 */
public final class ResourceFileException extends FanoutException {
    private final transient Path path;
    private final int line;
    private final String problem;

    public ResourceFileException(Path path, int line, String problem) {
        super(BAD_INPUT, Location.of(path, line, 0) + ": " + problem);
        this.path = path;
        this.line = line;
        this.problem = problem;
    }

    public Path path() {
        return path;
    }

    /** The line of the file the problem is on, or 0 for the file as a whole. */
    public int line() {
        return line;
    }

    /** What is wrong, without the place. */
    public String problem() {
        return problem;
    }
}
