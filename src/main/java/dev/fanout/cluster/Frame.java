package dev.fanout.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One piece of the way back from a worker, as bytes: a kind byte, the length of the id, the id of
 * the attempt (or request) it belongs to, then the payload. Every attempt of a coordinator shares
 * its one reply queue, so the id says whose frame it is. Output and the result file cross in
 * chunks of {@link #CHUNK} bytes through a bounded queue, so a large output never sits whole in
 * either side's heap.
 */
record Frame(byte kind, String id, byte[] payload) {
    static final byte STDOUT = 'O';
    static final byte STDERR = 'E';
    static final byte RESULT = 'R';
    /** The end: JSON {@code {"exit": n|null, "signal": n, "error": text|null, "retryable": b, "worker": w}}. */
    static final byte END = 'X';
    /** A worker's answer to a status request: JSON {@code {"worker", "slots", "labels", "running": [...]}}. */
    static final byte STATUS = 'S';

    static final int CHUNK = 64 * 1024;

    byte[] bytes() {
        byte[] i = id.getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[2 + i.length + payload.length];
        b[0] = kind;
        b[1] = (byte) i.length;
        System.arraycopy(i, 0, b, 2, i.length);
        System.arraycopy(payload, 0, b, 2 + i.length, payload.length);
        return b;
    }

    /** The frame in {@code bytes}, or null when they are not one. */
    static Frame of(byte[] bytes) {
        if (bytes.length < 2 || bytes.length < 2 + (bytes[1] & 0xff)) {
            return null;
        }
        int n = bytes[1] & 0xff;
        return new Frame(
                bytes[0],
                new String(bytes, 2, n, StandardCharsets.US_ASCII),
                Arrays.copyOfRange(bytes, 2 + n, bytes.length));
    }
}
