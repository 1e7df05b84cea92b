package dev.fanout.cluster;

import java.util.Arrays;

/**
 * One piece of an attempt's way back, as bytes: a kind byte, then the payload. Output and the
 * result file cross in chunks of {@link #CHUNK} bytes through a bounded queue, so a large output
 * never sits whole in either side's heap.
 */
record Frame(byte kind, byte[] payload) {
    static final byte STDOUT = 'O';
    static final byte STDERR = 'E';
    static final byte RESULT = 'R';
    /** The end: JSON {@code {"exit": n|null, "signal": n, "error": text|null, "retryable": b}}. */
    static final byte END = 'X';

    static final int CHUNK = 64 * 1024;

    byte[] bytes() {
        byte[] b = new byte[payload.length + 1];
        b[0] = kind;
        System.arraycopy(payload, 0, b, 1, payload.length);
        return b;
    }

    static Frame of(byte[] bytes) {
        return new Frame(bytes[0], Arrays.copyOfRange(bytes, 1, bytes.length));
    }
}
