package dev.fanout.agent;

import java.time.Duration;
import java.time.Instant;

/** How long ago something happened, shown the short way: "45s", "12m", "5h", "3d". */
public record Age(Duration duration) {

    public Age {
        duration = duration.isNegative() ? Duration.ZERO : duration; // a clock set back is not the future
    }

    /** The age at {@code now} of something that happened at {@code then}. */
    public static Age between(Instant then, Instant now) {
        return new Age(Duration.between(then, now));
    }

    @Override
    public String toString() {
        long s = duration.getSeconds();
        if (s >= 86_400) {
            return s / 86_400 + "d";
        }
        if (s >= 3_600) {
            return s / 3_600 + "h";
        }
        if (s >= 60) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
