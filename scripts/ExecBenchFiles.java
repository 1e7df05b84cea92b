import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the inputs of scripts/bench-exec into a folder (run with {@code java ExecBenchFiles.java DIR}):
 * <ul>
 * <li>{@code overhead-sh.json}, {@code overhead-argv.json}: 1,000 independent tasks of {@code true},
 *     under {@code sh -c} and as argv;
 * <li>{@code makespan.json}: a fixed random graph (seed 42) of 200 {@code sleep} tasks of 0.02–0.2 s,
 *     each depending on one to three tasks drawn at random from those before it, with their true
 *     lengths as estimates;
 * <li>{@code waves/NNN}: the same tasks' sleep lengths, one file per wave (longest-path depth), for
 *     running the waves one after another with a barrier between them;
 * <li>{@code bounds}: critical path, total work, the lower bound max(critical path, work / 8), the
 *     number of waves, the wave-barrier makespan an ideal 8-slot runner would reach, and the
 *     makespan of longest-remaining-path-first list scheduling (fanout's policy) with no overhead.
 * </ul>
 */
public class ExecBenchFiles {
    static final int SLOTS = 8;

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.resolve("waves"));
        Files.writeString(out.resolve("overhead-sh.json"), flat("\"true\""));
        Files.writeString(out.resolve("overhead-argv.json"), flat("[\"true\"]"));

        Random random = new Random(42);
        int n = 200;
        double[] secs = new double[n];
        List<List<Integer>> deps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            secs[i] = Math.round((0.02 + random.nextDouble() * 0.18) * 1000) / 1000.0;
            List<Integer> d = new ArrayList<>();
            int want = i == 0 ? 0 : Math.min(i, 1 + random.nextInt(3)); // 1 to 3: about two
            while (d.size() < want) {
                int dep = random.nextInt(i);
                if (!d.contains(dep)) {
                    d.add(dep);
                }
            }
            deps.add(d);
        }
        double[] finish = new double[n];
        int[] depth = new int[n];
        double work = 0;
        for (int i = 0; i < n; i++) {
            double start = 0;
            for (int d : deps.get(i)) {
                start = Math.max(start, finish[d]);
                depth[i] = Math.max(depth[i], depth[d] + 1);
            }
            finish[i] = start + secs[i];
            work += secs[i];
        }
        double critical = Arrays.stream(finish).max().orElse(0);
        int waves = Arrays.stream(depth).max().orElse(0) + 1;
        double barrier = 0;
        for (int w = 0; w < waves; w++) {
            List<Double> wave = new ArrayList<>();
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (depth[i] == w) {
                    wave.add(secs[i]);
                    lines.append(String.format(Locale.ROOT, "%.3f%n", secs[i]));
                }
            }
            Files.writeString(out.resolve("waves").resolve(String.format("%03d", w)), lines);
            barrier += listMakespan(wave);
        }
        StringBuilder json = new StringBuilder("{\"config\": {\"max_retries\": 0},\n \"tasks\": [\n");
        for (int i = 0; i < n; i++) {
            json.append(String.format(Locale.ROOT, "  {\"id\": \"s%03d\", \"estimated_seconds\": %.3f, \"command\": [\"sleep\", \"%.3f\"]",
                    i, secs[i], secs[i]));
            if (!deps.get(i).isEmpty()) {
                json.append(", \"depends_on\": [");
                for (int k = 0; k < deps.get(i).size(); k++) {
                    json.append(k > 0 ? ", " : "").append(String.format("\"s%03d\"", deps.get(i).get(k)));
                }
                json.append(']');
            }
            json.append(i < n - 1 ? "},\n" : "}\n");
        }
        Files.writeString(out.resolve("makespan.json"), json.append(" ]\n}\n"));
        Files.writeString(out.resolve("bounds"), String.format(Locale.ROOT,
                "critical_path=%.3f%ntotal_work=%.3f%nlower_bound=%.3f%nwaves=%d%nwave_barrier_ideal=%.3f%n"
                        + "list_schedule_ideal=%.3f%n",
                critical, work, Math.max(critical, work / SLOTS), waves, barrier, longestPathFirst(secs, deps)));
    }

    private static String flat(String command) {
        StringBuilder s = new StringBuilder("{\"config\": {\"max_retries\": 0},\n \"tasks\": [\n");
        for (int i = 0; i < 1000; i++) {
            s.append("  {\"id\": \"t").append(i).append("\", \"command\": ").append(command).append(i < 999 ? "},\n" : "}\n");
        }
        return s.append(" ]\n}\n").toString();
    }

    /**
     * Simulates list scheduling on the slots with no overhead: whenever a slot is free, the ready
     * task with the longest remaining path starts (ties: lower index).
     */
    private static double longestPathFirst(double[] secs, List<List<Integer>> deps) {
        int n = secs.length;
        double[] remaining = new double[n];
        List<List<Integer>> dependents = new ArrayList<>();
        int[] waiting = new int[n];
        for (int i = 0; i < n; i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            waiting[i] = deps.get(i).size();
            for (int d : deps.get(i)) {
                dependents.get(d).add(i);
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            double after = 0;
            for (int s : dependents.get(i)) {
                after = Math.max(after, remaining[s]);
            }
            remaining[i] = secs[i] + after;
        }
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>((a, b) ->
                remaining[a] != remaining[b] ? Double.compare(remaining[b], remaining[a]) : Integer.compare(a, b));
        java.util.PriorityQueue<double[]> running = new java.util.PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        double now = 0;
        while (!ready.isEmpty() || !running.isEmpty()) {
            while (running.size() < SLOTS && !ready.isEmpty()) {
                int t = ready.poll();
                running.add(new double[] {now + secs[t], t});
            }
            double[] done = running.poll();
            now = done[0];
            for (int s : dependents.get((int) done[1])) {
                if (--waiting[s] == 0) {
                    ready.add(s);
                }
            }
        }
        return now;
    }

    /** Longest-first list scheduling of one wave on the slots: what a good runner does inside a wave. */
    private static double listMakespan(List<Double> wave) {
        double[] slots = new double[SLOTS];
        wave.stream().sorted((a, b) -> Double.compare(b, a)).forEach(s -> {
            int min = 0;
            for (int k = 1; k < SLOTS; k++) {
                if (slots[k] < slots[min]) {
                    min = k;
                }
            }
            slots[min] += s;
        });
        return Arrays.stream(slots).max().orElse(0);
    }
}
