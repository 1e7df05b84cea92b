package dev.fanout.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How long a run left a slot empty while a task was ready to start, from its run.json: the
 * scheduler's own share of a makespan, apart from what the tasks and the machine took. A task
 * is ready when its last dependency ended (a task with none, when the run's first task started);
 * over each stretch of time, min(tasks ready but not started, slots free) slots were idle.
 *
 * <p>{@code java -cp … dev.fanout.bench.IdleSlots RUN_JSON SLOTS} prints the slot-seconds; with
 * {@code --ideal}, instead, the makespan of an ideal list schedule (no overhead, longest path
 * first) over the lengths the tasks actually ran: what a perfect scheduler would have reached
 * once starting the processes made the tasks that long.
 */
public final class IdleSlots {
    private IdleSlots() {}

    /** One task's times, in seconds since the epoch. */
    record Span(double ready, double start, double end) {}

    public static void main(String[] args) throws IOException {
        JsonNode run = Json.mapper().readTree(Path.of(args[0]).toFile());
        int slots = Integer.parseInt(args[1]);
        double figure = args.length > 2 && args[2].equals("--ideal")
                ? actualListSchedule(run, slots)
                : slotSeconds(spans(run), slots);
        System.out.printf(java.util.Locale.ROOT, "%.3f%n", figure);
    }

    /** The spans of every task that ran, from a run record. */
    static List<Span> spans(JsonNode run) {
        Map<String, double[]> times = spansById(run);
        double first = times.values().stream().mapToDouble(t -> t[0]).min().orElse(0);
        List<Span> spans = new ArrayList<>();
        for (JsonNode task : run.get("tasks")) {
            double[] t = times.get(task.get("id").asText());
            if (t == null) {
                continue;
            }
            double ready = first;
            for (JsonNode dep : task.path("depends_on")) {
                double[] d = times.get(dep.asText());
                ready = Math.max(ready, d == null ? first : d[1]);
            }
            spans.add(new Span(Math.min(ready, t[0]), t[0], t[1]));
        }
        return spans;
    }

    /**
     * The makespan of an ideal list schedule over the lengths the tasks actually ran: no
     * overhead, and of the ready tasks the one with the longest path still ahead of it first.
     * Tasks are listed dependencies first, as a run record lists them.
     */
    static double actualListSchedule(JsonNode run, int slots) {
        Map<String, double[]> times = spansById(run);
        Map<String, Integer> index = new HashMap<>();
        List<double[]> lengths = new ArrayList<>();
        List<int[]> deps = new ArrayList<>();
        for (JsonNode task : run.get("tasks")) {
            double[] t = times.get(task.get("id").asText());
            index.put(task.get("id").asText(), lengths.size());
            lengths.add(new double[] {t == null ? 0 : t[1] - t[0]});
            List<Integer> before = new ArrayList<>();
            task.path("depends_on").forEach(dep -> before.add(index.get(dep.asText())));
            deps.add(before.stream().mapToInt(Integer::intValue).toArray());
        }
        double[] seconds = lengths.stream().mapToDouble(l -> l[0]).toArray();
        return new SleepGraph(seconds, deps.toArray(int[][]::new)).listScheduleMakespan(slots);
    }

    /** Each task's first start and last end, by id. */
    private static Map<String, double[]> spansById(JsonNode run) {
        Map<String, double[]> times = new HashMap<>();
        run.get("results").properties().forEach(e -> {
            JsonNode attempts = e.getValue().path("attempts");
            if (attempts.size() > 0) {
                times.put(e.getKey(), new double[] {
                    seconds(attempts.get(0).get("started_at")),
                    seconds(attempts.get(attempts.size() - 1).get("ended_at"))
                });
            }
        });
        return times;
    }

    /** Slot-seconds idle while a task was ready, by a sweep over the spans' ends. */
    static double slotSeconds(List<Span> spans, int slots) {
        // +1/-1 to running (index 1) or waiting (index 0), at a time
        List<double[]> events = new ArrayList<>();
        for (Span s : spans) {
            events.add(new double[] {s.ready(), 0, 1});
            events.add(new double[] {s.start(), 0, -1});
            events.add(new double[] {s.start(), 1, 1});
            events.add(new double[] {s.end(), 1, -1});
        }
        events.sort((a, b) -> Double.compare(a[0], b[0]));
        int waiting = 0;
        int running = 0;
        double idle = 0;
        double at = events.isEmpty() ? 0 : events.get(0)[0];
        for (double[] e : events) {
            if (e[0] > at && waiting > 0 && running < slots) {
                idle += (e[0] - at) * Math.min(waiting, slots - running);
            }
            at = e[0];
            if (e[1] == 0) {
                waiting += (int) e[2];
            } else {
                running += (int) e[2];
            }
        }
        return idle;
    }

    private static double seconds(JsonNode instant) {
        Instant i = Instant.parse(instant.asText());
        return i.getEpochSecond() + i.getNano() / 1e9;
    }
}
