package dev.fanout.merge;

import java.nio.file.Path;

/**
 * A JUnit XML report could not be read: missing, not well-formed, or not a report. It carries
 * the file and, when the problem is at a position in it, the line and column (else -1).
 */
final class JUnitReportException extends Exception {
    private final transient Path file;
    private final int line;
    private final int column;
    private final String reason;

    JUnitReportException(Path file, int line, int column, String reason) {
        super(file + (line > 0 ? ":" + line + ":" + column : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    Path file() {
        return file;
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }

    String reason() {
        return reason;
    }
}
