package dev.fanout.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MinIntSetTest {

    @Test
    void givesTheLeastMemberAsATreeSetWould() {
        for (int size : new int[] {1, 63, 64, 65, 4096, 4097, 300_000}) {
            Random random = new Random(size);
            MinIntSet set = new MinIntSet(size);
            TreeSet<Integer> expected = new TreeSet<>();
            for (int op = 0; op < 20_000; op++) {
                if (expected.isEmpty() || random.nextInt(3) > 0) {
                    int x = random.nextInt(size);
                    set.add(x);
                    expected.add(x);
                } else {
                    assertEquals(expected.pollFirst(), set.pollMin(), "size " + size);
                }
                assertEquals(expected.isEmpty(), set.isEmpty());
            }
            while (!expected.isEmpty()) {
                assertEquals(expected.pollFirst(), set.pollMin());
            }
            assertTrue(set.isEmpty());
        }
    }

    @Test
    void anEmptyUniverseIsEmpty() {
        assertTrue(new MinIntSet(0).isEmpty());
    }
}
