package dev.fanout.task;

/**
 * Task ids to their numbers (positions in a task list), for resolving a million dependencies
 * quickly: open addressing over one {@code long[]} that keeps each id's hash beside its number,
 * so a lookup touches the table and, on a hash match, the one id it compares with. A
 * {@code HashMap<String, Integer>} costs several scattered objects per entry, which is what
 * dominated the analysis of large graphs.
 */
public final class IdIndex {
    private final String[] ids;
    /** Per slot: the id's hash in the high half, its number + 1 in the low half; 0 is empty. */
    private final long[] table;
    private final int mask;

    /** An empty index for ids numbered {@code 0 .. capacity-1}. */
    public IdIndex(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        ids = new String[capacity];
        int slots = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1; // load factor at most 1/2
        table = new long[slots];
        mask = slots - 1;
    }

    /**
     * Adds {@code id} as number {@code number} unless it is already there.
     *
     * @return the number the id already had, or -1 when it was added
     * @throws IndexOutOfBoundsException when {@code number} is outside the capacity
     */
    public int putIfAbsent(String id, int number) {
        if (number < 0 || number >= ids.length) {
            throw new IndexOutOfBoundsException("number " + number + " outside 0.." + (ids.length - 1));
        }
        int h = hash(id);
        for (int i = h & mask; ; i = (i + 1) & mask) {
            long e = table[i];
            if (e == 0) {
                table[i] = ((long) h << 32) | (number + 1L);
                ids[number] = id;
                return -1;
            }
            int at = (int) e - 1;
            if ((int) (e >>> 32) == h && ids[at].equals(id)) {
                return at;
            }
        }
    }

    /** The number of {@code id}, or -1 when it is not in the index. */
    public int indexOf(String id) {
        int h = hash(id);
        for (int i = h & mask; ; i = (i + 1) & mask) {
            long e = table[i];
            if (e == 0) {
                return -1;
            }
            int at = (int) e - 1;
            if ((int) (e >>> 32) == h && ids[at].equals(id)) {
                return at;
            }
        }
    }

    /** String hashes of ids like t1, t2, … are consecutive; mixing spreads them over the table. */
    private static int hash(String id) {
        int h = id.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
