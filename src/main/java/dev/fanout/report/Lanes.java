package dev.fanout.report;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * Rows for a timeline: each interval goes to the lowest-numbered row free at its start, so the
 * number of rows is the most intervals that overlapped, the slots the run really used. O(n log n).
 */
final class Lanes {
    private Lanes() {}

    /**
     * Assigns a row to each interval.
     *
     * @param starts start times; {@code ends[i] >= starts[i]}
     * @return each interval's row, from 0
     */
    static int[] assign(long[] starts, long[] ends) {
        int n = starts.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order, (a, b) -> starts[a] != starts[b] ? Long.compare(starts[a], starts[b]) : Integer.compare(a, b));
        int[] lane = new int[n];
        // busy rows by the time they come free
        PriorityQueue<long[]> busy = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        TreeSet<Integer> free = new TreeSet<>();
        int rows = 0;
        for (int i : order) {
            while (!busy.isEmpty() && busy.peek()[0] <= starts[i]) {
                free.add((int) busy.poll()[1]);
            }
            int row = free.isEmpty() ? rows++ : free.pollFirst();
            lane[i] = row;
            busy.add(new long[] {ends[i], row});
        }
        return lane;
    }
}
