package dev.fanout.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fanout.graph.Decision;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** run.json's figures are rounded without a Formatter, to the very values {@code %.2f} gave them. */
class RunJsonRoundTest {

    @Property(tries = 1000)
    void roundsAsTwoDecimalFormattingDoes(@ForAll double d) {
        assertSameAsFormatted(d);
    }

    @Property(tries = 1000)
    void roundsSecondsAsTwoDecimalFormattingDoes(@ForAll @DoubleRange(min = -1, max = 100_000) double d) {
        assertSameAsFormatted(d);
    }

    /** Halfway cases in decimal (x.xx5), where rounding on the binary value and on the printed one differ. */
    @Property(tries = 1000)
    void roundsDecimalHalfwaysAsTwoDecimalFormattingDoes(@ForAll @IntRange(min = 0, max = 10_000_000) int thousandths) {
        assertSameAsFormatted(thousandths / 1000.0);
        assertSameAsFormatted(thousandths / 1000.0 + 0.0005);
        assertSameAsFormatted(-thousandths / 1000.0);
    }

    @Example
    void keepsTheEdgesAsTheyWere() {
        for (double d : new double[] {
            0.0, -0.0, 0.004, -0.004, 0.005, 1.005, 2.675, 1e9, -1e9, 1e300, Double.NaN, Double.POSITIVE_INFINITY
        }) {
            assertSameAsFormatted(d);
        }
    }

    private static void assertSameAsFormatted(double d) {
        assertEquals(
                Double.valueOf(Double.parseDouble(Decision.fmt(d))),
                Double.valueOf(RunJson.round(d)),
                "round(" + d + ")");
    }
}
