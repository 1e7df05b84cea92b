package dev.fanout.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Looks at live processes through /proc, independently of fanout's own reaper: a zombie (dead,
 * waiting for its parent to collect it) does not count as alive.
 */
public final class Leftovers {
    private static final Path PROC = Path.of("/proc");

    private Leftovers() {}

    /** Whether {@code pid} names a process that still runs (not a zombie). */
    public static boolean alive(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            // "pid (comm) S ...": the state follows the last ')', since comm may hold spaces or parentheses
            char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** The pid a task wrote to {@code file}. */
    public static long pidIn(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).trim());
    }

    /** Live processes whose environment holds {@code FANOUT_RUN_ID=runId}. */
    public static List<Long> withRunId(String runId) throws IOException {
        String needle = "FANOUT_RUN_ID=" + runId;
        List<Long> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String env = new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8);
                    for (String var : env.split("\0")) {
                        if (var.equals(needle) && alive(Long.parseLong(name))) {
                            found.add(Long.parseLong(name));
                        }
                    }
                } catch (IOException e) {
                    // gone, or not ours to read
                }
            }
        }
        return found;
    }
}
