package dev.fanout;

import java.util.Locale;

/** How fanout writes a measured number (a speedup, seconds) for people and in its JSON: two decimals at most. */
public final class Numbers {
    private Numbers() {}

    /** {@code d} with two decimals at most and no trailing zeros: 3.33, 1.5, 2. */
    public static String text(double d) {
        String s = String.format(Locale.ROOT, "%.2f", d);
        return s.endsWith(".00")
                ? s.substring(0, s.length() - 3)
                : s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }

    /** {@code d} rounded as {@link #text} writes it, for a JSON number. */
    public static double rounded(double d) {
        return Double.parseDouble(text(d));
    }
}
