package dev.fanout;

import java.util.Collection;
import java.util.Optional;

/**
 * Rules for names the user gives: the closest known name for "did you mean" hints, and the
 * check for names that become file names.
 */
public final class Names {
    private Names() {}

    /**
     * The candidate closest to {@code name} by edit distance, if it is close enough to be a
     * plausible typo (at most a third of the longer name's length, and at least one edit less
     * than rewriting it).
     */
    public static Optional<String> closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(name.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int limit = Math.max(1, Math.max(name.length(), best.length()) / 3);
        if (best.toLowerCase().startsWith(name.toLowerCase()) && !name.isEmpty()) {
            return Optional.of(best);
        }
        // leading dashes are shared by every option: '-x' is not a typo of '-h', only a rewrite of it
        int rewrite = Math.max(stripDashes(name).length(), stripDashes(best).length());
        return bestDistance <= limit && bestDistance < rewrite ? Optional.of(best) : Optional.empty();
    }

    private static String stripDashes(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        return s.substring(i);
    }

    /** Optimal string alignment distance: Levenshtein plus adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** Longest task id: an id names a folder of the run, and a file name holds at most 255 bytes. */
    public static final int TASK_ID_MAX = 200;

    /** Why {@code id} is not a valid task id, in words for "task id 'x' …", or null when it is. */
    public static String taskIdProblem(String id) {
        if (id == null || id.isEmpty()) {
            return "is empty; every task needs a unique id";
        }
        if (id.equals(".") || id.equals("..")) {
            return "names a folder ('.' and '..' are not task ids); use letters or digits";
        }
        if (id.length() > TASK_ID_MAX) {
            return "is " + id.length() + " characters long; a task id has at most " + TASK_ID_MAX;
        }
        return isTaskId(id) ? null : "may hold only letters, digits, '.', '_' and '-'";
    }

    /**
     * Whether {@code id} is a valid task id: {@code [A-Za-z0-9._-]+}, at most {@link #TASK_ID_MAX}
     * characters, and not "." or "..".
     */
    public static boolean isTaskId(String id) {
        if (id == null || id.isEmpty() || id.equals(".") || id.equals("..") || id.length() > TASK_ID_MAX) {
            return false;
        }
        // a loop, not a regex: this runs for every task of a million-task file
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
