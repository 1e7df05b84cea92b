package dev.fanout.graph;

import java.util.Arrays;

/**
 * A binary min-heap of task numbers ordered by a {@code double} key, then an {@code int}
 * tie-breaker. Keys live in the heap's own arrays beside the tasks, so comparisons touch no other
 * memory: with a million tasks, a {@code PriorityQueue<Integer>} whose comparator looked keys up
 * elsewhere spent its time on cache misses and boxing.
 */
final class TaskHeap {
    private double[] keys;
    private int[] ties;
    private int[] tasks;
    private int size;

    TaskHeap(int capacity) {
        int c = Math.max(4, capacity);
        keys = new double[c];
        ties = new int[c];
        tasks = new int[c];
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The least key; only when not empty. */
    double peekKey() {
        return keys[0];
    }

    /** The tie-breaker of the least entry; only when not empty. */
    int peekTie() {
        return ties[0];
    }

    void add(double key, int tie, int task) {
        if (size == keys.length) {
            int c = size * 2;
            keys = Arrays.copyOf(keys, c);
            ties = Arrays.copyOf(ties, c);
            tasks = Arrays.copyOf(tasks, c);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(key, tie, keys[parent], ties[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, key, tie, task);
    }

    /** Removes and returns the task with the least key; only when not empty. */
    int poll() {
        int top = tasks[0];
        int last = --size;
        if (last > 0) {
            double key = keys[last];
            int tie = ties[last];
            int task = tasks[last];
            int i = 0;
            int half = last >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                int right = child + 1;
                if (right < last && less(keys[right], ties[right], keys[child], ties[child])) {
                    child = right;
                }
                if (!less(keys[child], ties[child], key, tie)) {
                    break;
                }
                move(child, i);
                i = child;
            }
            set(i, key, tie, task);
        }
        return top;
    }

    private static boolean less(double k1, int t1, double k2, int t2) {
        return k1 < k2 || (k1 == k2 && t1 < t2);
    }

    private void move(int from, int to) {
        keys[to] = keys[from];
        ties[to] = ties[from];
        tasks[to] = tasks[from];
    }

    private void set(int i, double key, int tie, int task) {
        keys[i] = key;
        ties[i] = tie;
        tasks[i] = task;
    }
}
