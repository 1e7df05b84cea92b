package dev.fanout.cli;

import java.util.Locale;

/** Durations for people: 0.42s, 12.3s, 4m 05s, 2h 03m. */
final class TimeFormat {
    private TimeFormat() {}

    static String seconds(double s) {
        if (s < 10) {
            return String.format(Locale.ROOT, "%.2fs", s);
        }
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1fs", s);
        }
        long whole = Math.round(s);
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", whole / 60, whole % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", whole / 3600, (whole % 3600) / 60);
    }
}
