package dev.fanout.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.Json;
import dev.fanout.exec.Attempt;
import dev.fanout.exec.RunRecord;
import dev.fanout.exec.TaskResult;
import dev.fanout.exec.TaskStatus;
import dev.fanout.graph.TaskGraph;
import dev.fanout.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a report shows, taken from a run's record and nothing else: a row per task, a bar per
 * attempt on the row of the slot it ran in, the chain of dependencies that held the run up, the
 * graph by waves, and the merged result.
 *
 * @param bars the attempts of this run (not those carried over by a resume), by task then attempt
 * @param lanes how many timeline rows the bars need: the most attempts that ran at once
 * @param criticalPath the chain that ended last, each task the dependency of the next that finished last
 * @param waves task indexes by wave, each wave ordered to keep edges short
 * @param merged the run's merged.json, or null
 */
public record ReportModel(
        RunRecord run,
        List<Row> rows,
        List<Bar> bars,
        int lanes,
        List<Integer> criticalPath,
        List<List<Integer>> waves,
        List<Edge> edges,
        JsonNode merged) {

    /**
     * One task.
     *
     * @param exitCode the last attempt's exit code, or null
     * @param stderrTail the last lines of stderr for a failed or timed-out task, else ""
     */
    public record Row(
            int index,
            String id,
            String type,
            TaskStatus status,
            double seconds,
            int attempts,
            Integer exitCode,
            String reason,
            String stderrTail,
            Double estimate,
            String how,
            boolean reused,
            boolean critical,
            int wave) {}

    /** One attempt, in milliseconds from the run's start. */
    public record Bar(int task, int attempt, long startMs, long endMs, TaskStatus status, int lane, String error) {}

    /** A dependency: {@code to} depends on {@code from} (task indexes). */
    public record Edge(int from, int to) {}

    /** Builds the model of a run, reading the tails of failed tasks' stderr and merged.json from its folder. */
    public static ReportModel of(RunRecord run) {
        TaskGraph graph = TaskGraph.of(run.tasks());
        int n = graph.size();
        Instant t0 = run.startedAt();
        List<Bar> bars = new ArrayList<>();
        long[] lastEnd = new long[n];
        for (int v = 0; v < n; v++) {
            TaskResult r = run.results().get(graph.id(v));
            lastEnd[v] = Long.MIN_VALUE;
            if (r == null || r.reused()) {
                continue;
            }
            for (Attempt a : r.attempts()) {
                long s = millis(t0, a.startedAt());
                long e = Math.max(s, millis(t0, a.endedAt()));
                bars.add(new Bar(v, a.number(), s, e, a.status(), 0, a.error()));
                lastEnd[v] = Math.max(lastEnd[v], e);
            }
        }
        long[] starts = bars.stream().mapToLong(Bar::startMs).toArray();
        long[] ends = bars.stream().mapToLong(Bar::endMs).toArray();
        int[] lane = Lanes.assign(starts, ends);
        int lanes = 0;
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            bars.set(i, new Bar(b.task(), b.attempt(), b.startMs(), b.endMs(), b.status(), lane[i], b.error()));
            lanes = Math.max(lanes, lane[i] + 1);
        }
        List<Integer> critical = criticalPath(graph, lastEnd);
        Set<Integer> onPath = new HashSet<>(critical);
        List<Row> rows = new ArrayList<>(n);
        for (int v = 0; v < n; v++) {
            rows.add(row(run, graph, v, onPath.contains(v)));
        }
        List<Edge> edges = new ArrayList<>(graph.edgeCount());
        for (int v = 0; v < n; v++) {
            for (int i = 0, c = graph.predecessorCount(v); i < c; i++) {
                edges.add(new Edge(graph.predecessor(v, i), v));
            }
        }
        return new ReportModel(run, rows, bars, lanes, critical, WaveLayout.of(graph), edges, merged(run.dir()));
    }

    private static Row row(RunRecord run, TaskGraph graph, int v, boolean critical) {
        Task task = graph.task(v);
        TaskResult r = run.results().get(task.id());
        TaskStatus status = r == null ? TaskStatus.PENDING : r.status();
        Attempt last = r == null ? null : r.lastAttempt();
        boolean failed = status == TaskStatus.FAILED || status == TaskStatus.TIMED_OUT;
        return new Row(
                v,
                task.id(),
                task.typeOrDefault(),
                status,
                r == null ? 0 : r.seconds(),
                r == null ? 0 : r.attempts().size(),
                last == null ? null : last.exitCode(),
                r == null ? null : r.reason(),
                failed ? StderrTail.of(run.taskDir(task.id()).resolve("stderr.log")) : "",
                task.estimatedSeconds(),
                how(task),
                r != null && r.reused(),
                critical,
                graph.level(v));
    }

    private static String how(Task task) {
        return switch (task.kind()) {
            case COMMAND -> task.command().display();
            case AGENT -> "agent " + task.agent() + ": " + task.prompt();
            case SCRIPT -> "script: " + task.script();
            case NONE -> "";
        };
    }

    /**
     * From the task that ended last, back through the dependency that ended last: the chain that
     * decided when the run could end. Tasks that did not run in this run end nothing.
     */
    private static List<Integer> criticalPath(TaskGraph graph, long[] lastEnd) {
        int v = -1;
        for (int u = 0; u < graph.size(); u++) {
            if (lastEnd[u] != Long.MIN_VALUE && (v < 0 || lastEnd[u] > lastEnd[v])) {
                v = u;
            }
        }
        List<Integer> path = new ArrayList<>();
        while (v >= 0) {
            path.add(0, v);
            int next = -1;
            for (int i = 0, c = graph.predecessorCount(v); i < c; i++) {
                int p = graph.predecessor(v, i);
                if (lastEnd[p] != Long.MIN_VALUE && (next < 0 || lastEnd[p] > lastEnd[next])) {
                    next = p;
                }
            }
            v = next;
        }
        return List.copyOf(path);
    }

    private static JsonNode merged(Path dir) {
        Path file = dir.resolve("merged.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            return Json.mapper()
                    .createObjectNode()
                    .put("strategy", "?")
                    .put("ok", false)
                    .put("error", "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static long millis(Instant t0, Instant t) {
        return Duration.between(t0, t).toMillis();
    }
}
