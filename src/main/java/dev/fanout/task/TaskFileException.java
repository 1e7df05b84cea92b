package dev.fanout.task;

import dev.fanout.FanoutException;
import dev.fanout.Location;

/**
 * A tasks file that cannot be used: where (file, line, column; 0 when unknown) and what is wrong.
 * The message is the one line the user sees: {@code tasks.json:12:5: task 'api': …}.
 */
public class TaskFileException extends FanoutException {
    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    public TaskFileException(String file, int line, int column, String problem) {
        super(BAD_INPUT, Location.of(file, line, column) + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the location. */
    public String problem() {
        return problem;
    }
}
