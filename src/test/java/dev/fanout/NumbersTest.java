package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void numbersAreShownWithAtMostTwoDecimals() {
        assertEquals("3.33", Numbers.text(10.0 / 3.0));
        assertEquals("1.5", Numbers.text(1.5));
        assertEquals("2", Numbers.text(2.0));
        assertEquals("1.67", Numbers.text(5.0 / 3.0));
        assertEquals("0", Numbers.text(0.001));
    }

    @Test
    void aRoundedNumberIsTheOneTheTextShows() {
        assertEquals(3.33, Numbers.rounded(10.0 / 3.0));
        assertEquals(2.0, Numbers.rounded(1.999));
    }
}
