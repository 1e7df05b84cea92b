package dev.fanout.exec;

import dev.fanout.AtomicFile;
import dev.fanout.FanoutException;
import dev.fanout.Hint;
import dev.fanout.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The runs under {@code runs/}: new run ids, reading records back, listing them. */
public final class RunStore {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern RUN_ID = Pattern.compile("[0-9]{8}-[0-9]{6}-[0-9a-f]{4}");

    private final Path runsDir;
    /** One history per store: it keeps what it read, so a run reads the file once (a shell's runs, once in all). */
    private final DurationHistory durations;

    public RunStore(Path runsDir) {
        this.runsDir = runsDir;
        this.durations = new DurationHistory(runsDir.resolve("durations.json"));
    }

    public Path runsDir() {
        return runsDir;
    }

    /** A new id: start time and a random suffix, so ids sort by time and never collide. */
    String newRunId() {
        return LocalDateTime.now().format(ID_TIME) + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(1 << 16));
    }

    Path dirOf(String runId) {
        return runsDir.resolve(runId);
    }

    /**
     * Writes a record as {@code run.json}, atomically.
     *
     * @param parts the parts of the record made once for the many records of a run: its tasks
     *     and settled results
     */
    void save(RunRecord record, RecordBytes parts) throws IOException {
        AtomicFile.write(record.dir().resolve("run.json"), out -> RunJson.write(out, record, parts));
    }

    /** The ids of all runs, oldest first. */
    public List<String> ids() {
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(runsDir)) {
            return dirs.map(p -> p.getFileName().toString())
                    .filter(id -> RUN_ID.matcher(id).matches()
                            && Files.exists(dirOf(id).resolve("run.json")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw FanoutException.badInput("cannot list " + runsDir + ": " + e.getMessage());
        }
    }

    /** Whether a run of that id has a record. */
    public boolean exists(String runId) {
        return runId != null
                && RUN_ID.matcher(runId).matches()
                && Files.exists(dirOf(runId).resolve("run.json"));
    }

    /** The newest run's id. */
    public String latest() {
        List<String> ids = ids();
        if (ids.isEmpty()) {
            throw FanoutException.badInput(
                    "no runs yet in " + runsDir,
                    Hint.command("run", "FILE").before("; ").after(" makes one"));
        }
        // ids sort by the second they started in; runs of the same second are told apart by their records
        String newest = ids.get(ids.size() - 1);
        String second = newest.substring(0, 15);
        List<String> sameSecond =
                ids.stream().filter(id -> id.startsWith(second)).toList();
        if (sameSecond.size() == 1) {
            return newest;
        }
        return sameSecond.stream()
                .max(java.util.Comparator.comparing((String id) -> {
                    try {
                        return load(id).startedAt();
                    } catch (FanoutException e) {
                        return java.time.Instant.MIN;
                    }
                }))
                .orElse(newest);
    }

    /**
     * Reads a run. A record left "running" by a fanout process that is gone (killed) reads as
     * interrupted, claiming only the tasks it had recorded as finished: those it showed running
     * or pending read as cancelled, since nothing will finish them.
     *
     * @throws FanoutException (bad input) when there is no such run or its record is unreadable
     */
    public RunRecord load(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches() && !Names.isTaskId(runId)) {
            throw FanoutException.badInput(
                    "'" + runId + "' is not a run id",
                    Hint.command("runs").before("; ").after(" lists them"));
        }
        Path dir = dirOf(runId);
        if (!Files.exists(dir.resolve("run.json"))) {
            String problem = "no run '" + runId + "' in " + runsDir;
            throw Names.closest(runId, ids())
                    .map(c -> FanoutException.badInput(problem + "; did you mean '" + c + "'?"))
                    .orElseGet(() -> FanoutException.badInput(
                            problem, Hint.command("runs").before("; ").after(" lists the runs")));
        }
        RunRecord r;
        try {
            r = RunJson.read(dir);
        } catch (IOException | RuntimeException e) {
            throw FanoutException.badInput(
                    dir.resolve("run.json") + ": the run record is damaged (" + problem(e) + ")");
        }
        if (r.state() == RunState.RUNNING && !alive(r.pid(), r.startedAt())) {
            Map<String, TaskResult> results = new java.util.LinkedHashMap<>();
            r.results()
                    .forEach((id, t) -> results.put(
                            id,
                            t.status().isFinal()
                                    ? t
                                    : new TaskResult(
                                            id,
                                            TaskStatus.CANCELLED,
                                            t.attempts(),
                                            t.status() == TaskStatus.RUNNING
                                                    ? "fanout (pid " + r.pid() + ") ended while it ran, killed perhaps"
                                                    : "not started: fanout (pid " + r.pid()
                                                            + ") ended first, killed perhaps",
                                            null,
                                            null,
                                            false)));
            return new RunRecord(
                    r.runId(),
                    RunState.INTERRUPTED,
                    r.pid(),
                    r.source(),
                    r.startedAt(),
                    r.endedAt(),
                    r.resumedFrom(),
                    r.parallel(),
                    r.jobs(),
                    r.decision(),
                    r.estimatedSpeedup(),
                    r.tasks(),
                    results,
                    r.dir());
        }
        return r;
    }

    /** All runs that can be read, newest first; unreadable ones are left out ({@link #listing} has them). */
    public List<RunRecord> list() {
        return listing().runs();
    }

    /**
     * The runs, newest first, and those whose record cannot be read, by id with the problem.
     *
     * @param runs the readable runs, newest first
     * @param damaged run ids (oldest first) whose run.json is damaged, with what is wrong
     */
    public record Listing(List<RunRecord> runs, Map<String, String> damaged) {}

    public Listing listing() {
        List<RunRecord> runs = new ArrayList<>();
        Map<String, String> damaged = new java.util.LinkedHashMap<>();
        for (String id : ids()) {
            try {
                runs.add(load(id));
            } catch (FanoutException e) {
                damaged.put(id, e.getMessage());
            }
        }
        runs.sort(Comparator.comparing(RunRecord::startedAt).reversed());
        return new Listing(runs, damaged);
    }

    /** What is wrong with a record, in words: never the JSON library's own ("Source: REDACTED …"). */
    private static String problem(Exception e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            var at = j.getLocation();
            String first = dev.fanout.Location.parserMessage(j.getOriginalMessage());
            return "not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": " + first.replaceAll(" \\(for .*\\)$", "");
        }
        if (e instanceof IOException && e.getMessage() != null) {
            return e.getMessage();
        }
        return "a field is missing or has the wrong type";
    }

    /** Whether the fanout that started a run at {@code runStart} still runs: a process with its pid started later is another. */
    private static boolean alive(long pid, java.time.Instant runStart) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(h -> h.info().startInstant().map(s -> !s.isAfter(runStart)).orElse(true))
                .orElse(false);
    }

    /** Measured task durations from earlier runs, to order tasks by their real length. */
    public DurationHistory durations() {
        return durations;
    }

    static Map<String, TaskResult> succeededOnly(RunRecord r) {
        Map<String, TaskResult> map = new java.util.LinkedHashMap<>();
        r.results().forEach((id, t) -> {
            if (t.status().isSuccess()) {
                map.put(id, t);
            }
        });
        return map;
    }
}
