package dev.fanout.task;

import java.util.Arrays;

/**
 * Task ids to their numbers (positions in a task list), for resolving millions of dependencies
 * quickly. A {@code HashMap<String, Integer>} reaches each entry through several objects scattered
 * over the heap (node, key string, its bytes, the boxed number); with a million tasks those cache
 * misses were most of the analysis time. Here each slot of one {@code long[]} holds an id's 64-bit
 * fingerprint beside its number and where its characters are kept in one {@code char[]}.
 *
 * <p>{@link #indexOf} compares the characters, so it is exact for any string. {@link #indexOfKnown}
 * trusts the fingerprint alone, which is exact for strings known to be among the ids (a validated
 * task set's dependencies): two different ids with one fingerprint are caught when added, and
 * then it compares characters too.
 */
public final class IdIndex {
    /** Per stored id: its length (2 chars), then its characters. */
    private static final int HEADER = 2;

    private final int capacity;
    /** Per slot, two longs: the fingerprint; then (offset in {@link #chars} + 1) << 32 | number. 0 is empty. */
    private final long[] table;

    private final int mask;
    private char[] chars;
    private int used;
    private boolean fingerprintsCollide;

    /** An empty index for ids numbered {@code 0 .. capacity-1}. */
    public IdIndex(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        int slots = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1; // load factor at most 1/2
        table = new long[2 * slots];
        mask = slots - 1;
        chars = new char[Math.max(64, capacity * 12)];
    }

    /**
     * Adds {@code id} as number {@code number} unless it is already there.
     *
     * @return the number the id already had, or -1 when it was added
     * @throws IndexOutOfBoundsException when {@code number} is outside the capacity
     */
    public int putIfAbsent(String id, int number) {
        if (number < 0 || number >= capacity) {
            throw new IndexOutOfBoundsException("number " + number + " outside 0.." + (capacity - 1));
        }
        long fp = fingerprint(id);
        for (int i = (int) fp & mask; ; i = (i + 1) & mask) {
            long where = table[2 * i + 1];
            if (where == 0) {
                table[2 * i] = fp;
                table[2 * i + 1] = ((long) store(id) + 1) << 32 | number;
                return -1;
            }
            if (table[2 * i] == fp) {
                if (sameChars((int) (where >>> 32) - 1, id)) {
                    return (int) where;
                }
                fingerprintsCollide = true;
            }
        }
    }

    /** The number of {@code id}, or -1 when it is not in the index. */
    public int indexOf(String id) {
        long fp = fingerprint(id);
        for (int i = (int) fp & mask; ; i = (i + 1) & mask) {
            long where = table[2 * i + 1];
            if (where == 0) {
                return -1;
            }
            if (table[2 * i] == fp && sameChars((int) (where >>> 32) - 1, id)) {
                return (int) where;
            }
        }
    }

    /**
     * The number of {@code id}, which the caller knows to be one of the ids added (as every
     * dependency of a validated task set is). For other strings the answer is -1, or, if a
     * 64-bit fingerprint happens to match, some number.
     */
    public int indexOfKnown(String id) {
        if (fingerprintsCollide) {
            return indexOf(id);
        }
        long fp = fingerprint(id);
        for (int i = (int) fp & mask; ; i = (i + 1) & mask) {
            long where = table[2 * i + 1];
            if (where == 0) {
                return -1;
            }
            if (table[2 * i] == fp) {
                return (int) where;
            }
        }
    }

    private boolean sameChars(int offset, String id) {
        int length = (chars[offset] << 16) | chars[offset + 1];
        if (length != id.length()) {
            return false;
        }
        int start = offset + HEADER;
        for (int k = 0; k < length; k++) {
            if (chars[start + k] != id.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private int store(String id) {
        int offset = used;
        int needed = offset + HEADER + id.length();
        if (needed > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(needed, chars.length * 2));
        }
        chars[offset] = (char) (id.length() >>> 16);
        chars[offset + 1] = (char) id.length();
        id.getChars(0, id.length(), chars, offset + HEADER);
        used = needed;
        return offset;
    }

    /** FNV-1a over the characters, then MurmurHash3's finaliser, so consecutive ids spread out. */
    private static long fingerprint(String id) {
        long h = 0xcbf29ce484222325L;
        for (int k = 0; k < id.length(); k++) {
            h = (h ^ id.charAt(k)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
