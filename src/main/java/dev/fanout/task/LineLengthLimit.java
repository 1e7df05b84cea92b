package dev.fanout.task;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses a line longer than a limit while the bytes stream through. SnakeYAML copies its whole
 * unread window each time it reads more of a line, so one long line costs time quadratic in its
 * length (a 50 MB prompt on one line took minutes); YAML reads through this guard.
 */
final class LineLengthLimit extends FilterInputStream {
    private final int limit;
    private int line = 1;
    private int length;

    /** Thrown, through the parser, when a line is too long. */
    static final class LineTooLongException extends IOException {
        private final int line;
        private final int limit;

        LineTooLongException(int line, int limit) {
            super("line " + line + " is longer than " + limit + " bytes");
            this.line = line;
            this.limit = limit;
        }

        int line() {
            return line;
        }

        int limit() {
            return limit;
        }
    }

    LineLengthLimit(InputStream in, int limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        for (int i = 0; i < n; i++) {
            count(buffer[offset + i]);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported: every byte is counted");
    }

    private void count(byte b) throws LineTooLongException {
        if (b == '\n') {
            line++;
            length = 0;
        } else if (++length > limit) {
            throw new LineTooLongException(line, limit);
        }
    }
}
