package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void smallMachinesGetACommonPoolOfTwoSoProcessEndsAreNotAThreadEach() {
        assertEquals("2", Main.commonPoolParallelism(1));
        assertEquals("2", Main.commonPoolParallelism(2));
    }

    @Test
    void largerMachinesKeepTheJdksCommonPool() {
        assertNull(Main.commonPoolParallelism(4));
    }

    @Test
    void aJavaScriptFileAsFirstArgumentRunsThroughJs() {
        assertArrayEquals(new String[] {"js", "-f", "x.js", "a"}, Main.scriptShorthand(new String[] {"x.js", "a"}));
        assertArrayEquals(new String[] {"run", "x.js"}, Main.scriptShorthand(new String[] {"run", "x.js"}));
    }
}
