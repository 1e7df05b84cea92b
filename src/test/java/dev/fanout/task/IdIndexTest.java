package dev.fanout.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IdIndexTest {

    @Test
    void findsEveryIdItHoldsAndNoOther() {
        int n = 50_000;
        IdIndex index = new IdIndex(n);
        for (int i = 0; i < n; i++) {
            assertEquals(-1, index.putIfAbsent("t" + i, i));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i, index.indexOf(new String("t" + i)));
        }
        assertEquals(-1, index.indexOf("t" + n));
        assertEquals(-1, index.indexOf(""));
    }

    @Test
    void knownIdsAreFoundByFingerprint() {
        IdIndex index = new IdIndex(1_000);
        for (int i = 0; i < 1_000; i++) {
            index.putIfAbsent("task-" + i, i);
        }
        for (int i = 0; i < 1_000; i++) {
            assertEquals(i, index.indexOfKnown("task-" + i));
        }
        assertEquals(-1, index.indexOfKnown("task-1000"));
    }

    @Test
    void aRepeatedIdKeepsItsFirstNumber() {
        IdIndex index = new IdIndex(3);
        index.putIfAbsent("a", 0);
        index.putIfAbsent("b", 1);
        assertEquals(0, index.putIfAbsent("a", 2));
        assertEquals(0, index.indexOf("a"));
    }

    @Test
    void idsWithTheSameHashAreToldApart() {
        // "Aa" and "BB" have the same String.hashCode
        IdIndex index = new IdIndex(2);
        index.putIfAbsent("Aa", 0);
        assertEquals(-1, index.putIfAbsent("BB", 1));
        assertEquals(0, index.indexOf("Aa"));
        assertEquals(1, index.indexOf("BB"));
    }

    @Test
    void numbersOutsideTheCapacityAreRefused() {
        IdIndex index = new IdIndex(1);
        assertThrows(IndexOutOfBoundsException.class, () -> index.putIfAbsent("x", 1));
        assertEquals(-1, new IdIndex(0).indexOf("x"));
    }
}
