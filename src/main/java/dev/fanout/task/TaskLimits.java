package dev.fanout.task;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a task's processes may use together, enforced through its control group where the machine
 * has one (see {@code fanout doctor}).
 *
 * @param memoryMaxBytes the most memory the task's processes may hold, or null for no limit
 * @param cpus how many processors' worth of time they may use (1.5: one and a half), or null
 */
public record TaskLimits(Long memoryMaxBytes, Double cpus) {
    public static final TaskLimits NONE = new TaskLimits(null, null);

    /** The smallest memory limit accepted: below it a process cannot even start. */
    public static final long MIN_MEMORY = 1L << 20;

    private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*([KMGT]?)(?:i?B)?", Pattern.CASE_INSENSITIVE);

    public boolean isNone() {
        return memoryMaxBytes == null && cpus == null;
    }

    /**
     * Reads a size such as {@code 512M}, {@code 2G} or {@code 1048576} (bytes); K, M, G and T are
     * powers of 1024.
     *
     * @return the bytes, or -1 when the text is not a size (or is too large)
     */
    public static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            return -1;
        }
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        try {
            long n = Long.parseLong(m.group(1));
            return n > (Long.MAX_VALUE >> shift) ? -1 : n << shift;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A size the way a user writes it: {@code 512M}, or bytes when it is no whole unit. */
    public static String formatSize(long bytes) {
        String[] units = {"T", "G", "M", "K"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            if (bytes >= (1L << shifts[i]) && bytes % (1L << shifts[i]) == 0) {
                return (bytes >> shifts[i]) + units[i];
            }
        }
        return Long.toString(bytes);
    }
}
