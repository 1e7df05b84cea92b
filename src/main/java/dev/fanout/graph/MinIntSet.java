package dev.fanout.graph;

/**
 * A set of ints in {@code [0, size)} that hands out its least member: a tree of 64-bit words, each
 * bit saying whether the word below it (or, at the bottom, the member) is present. A million
 * members take 130 KB and three word reads per operation; a binary heap of them spent the list
 * schedule's time on cache misses.
 */
final class MinIntSet {
    /** levels[0] has a bit per member; each level above a bit per non-empty word below; the last is one word. */
    private final long[][] levels;

    MinIntSet(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        int depth = 1;
        for (long words = wordsFor(size); words > 1; words = wordsFor(words)) {
            depth++;
        }
        levels = new long[depth][];
        long bits = size;
        for (int l = 0; l < depth; l++) {
            levels[l] = new long[(int) Math.max(1, wordsFor(bits))];
            bits = levels[l].length;
        }
    }

    private static long wordsFor(long bits) {
        return (bits + 63) >>> 6;
    }

    boolean isEmpty() {
        return levels[levels.length - 1][0] == 0;
    }

    /** Adds {@code x}; adding a member again changes nothing. */
    void add(int x) {
        int i = x;
        for (long[] level : levels) {
            long before = level[i >>> 6];
            level[i >>> 6] = before | (1L << i);
            if (before != 0) {
                return; // the levels above already know this word is not empty
            }
            i >>>= 6;
        }
    }

    /** Removes and returns the least member; only when not empty. */
    int pollMin() {
        int i = 0;
        for (int l = levels.length - 1; l >= 0; l--) {
            i = (i << 6) | Long.numberOfTrailingZeros(levels[l][i]);
        }
        int x = i;
        for (long[] level : levels) {
            long after = level[i >>> 6] & ~(1L << i);
            level[i >>> 6] = after;
            if (after != 0) {
                break;
            }
            i >>>= 6;
        }
        return x;
    }
}
