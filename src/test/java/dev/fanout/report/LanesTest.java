package dev.fanout.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LanesTest {
    @Test
    void anAttemptTakesTheLowestRowFreeWhenItStarts() {
        long[] starts = {0, 0, 5, 10, 10};
        long[] ends = {10, 5, 20, 12, 11};
        assertArrayEquals(new int[] {0, 1, 1, 0, 2}, Lanes.assign(starts, ends));
    }

    @Test
    void rowsNeverHoldOverlappingAttemptsAndNumberTheMostThatRanAtOnce() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(60);
            long[] s = new long[n];
            long[] e = new long[n];
            for (int i = 0; i < n; i++) {
                s[i] = random.nextInt(100);
                e[i] = s[i] + 1 + random.nextInt(30);
            }
            int[] lane = Lanes.assign(s, e);
            int rows = 0;
            int most = 0;
            for (int i = 0; i < n; i++) {
                rows = Math.max(rows, lane[i] + 1);
                int atOnce = 0;
                for (int j = 0; j < n; j++) {
                    if (s[j] <= s[i] && e[j] > s[i]) {
                        atOnce++;
                    }
                    if (i != j && lane[i] == lane[j]) {
                        assertTrue(e[i] <= s[j] || e[j] <= s[i], "overlap in one row");
                    }
                }
                most = Math.max(most, atOnce);
            }
            assertEquals(Math.max(most, 1), rows);
        }
    }
}
