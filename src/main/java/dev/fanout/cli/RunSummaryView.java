package dev.fanout.cli;

import dev.fanout.Numbers;
import dev.fanout.agent.LifecycleDecision;
import dev.fanout.exec.RunRecord;
import dev.fanout.exec.TaskResult;
import dev.fanout.exec.TaskStatus;
import dev.fanout.exec.Usage;
import dev.fanout.session.AfterRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The end of a run in a few lines: counts, times, speedups, and what went wrong where. */
final class RunSummaryView {
    private static final int STDERR_LINES = 5;

    private RunSummaryView() {}

    static void print(AfterRun after, Style style, PrintWriter out) {
        print(after.record(), style, out);
        if (after.merged() != null) {
            MergedView.print(after.merged(), style, out, "  ");
        }
        for (LifecycleDecision d : after.cleanup()) {
            out.println("  " + style.dim("cleanup: ") + d.kind() + " " + d.name() + ": "
                    + (d.keep() ? "kept" : style.yellow("deleted")) + " (" + d.reason() + ")");
        }
        out.flush();
    }

    static void print(RunRecord r, Style style, PrintWriter out) {
        StringJoiner counts = new StringJoiner(", ");
        r.counts().forEach((s, c) -> counts.add(c + " " + s.key().replace('_', ' ')));
        String state = switch (r.state()) {
            case SUCCEEDED -> style.green("succeeded");
            case INTERRUPTED -> style.yellow("interrupted");
            default -> style.red(r.state().key());
        };
        out.println(style.bold("run " + r.runId()) + " " + state + " in " + TimeFormat.seconds(r.wallSeconds()) + ": "
                + counts);
        out.println("  " + TimeFormat.seconds(r.taskSeconds()) + " of task time in "
                + TimeFormat.seconds(r.wallSeconds())
                + ": measured speedup " + Numbers.text(r.measuredSpeedup()) + "x (estimated "
                + Numbers.text(r.estimatedSpeedup()) + "x), " + (r.parallel() ? r.jobs() + " slots" : "sequential"));
        int cached = r.counts().getOrDefault(TaskStatus.CACHED, 0);
        if (cached > 0) {
            out.println("  " + Plural.of(cached, "task") + " from the cache, saving "
                    + TimeFormat.seconds(r.savedSeconds()) + " of task time");
        }
        if (r.queuedSeconds() >= 0.1) {
            // script tasks take turns on the one JavaScript engine: waiting is not running
            out.println("  " + TimeFormat.seconds(r.queuedSeconds())
                    + " waiting for the JavaScript engine, not counted as task time");
        }
        Usage usage = r.usage();
        if (usage != null) {
            out.println("  " + style.bold("cost") + " " + UsageText.of(usage, r.usageByAgent()));
        }
        for (TaskResult t : r.results().values()) {
            if (t.status() == TaskStatus.FAILED || t.status() == TaskStatus.TIMED_OUT) {
                out.println("  " + style.red(t.status() == TaskStatus.FAILED ? "failed" : "timed out") + " "
                        + t.taskId() + ": " + style.taskText(t.reason())
                        + (t.attempts().size() > 1 ? " (" + t.attempts().size() + " attempts)" : ""));
                failureOutput(r.taskDir(t.taskId()), style, out);
            } else if (t.resultError() != null) {
                out.println("  " + style.yellow("note") + " " + t.taskId() + ": " + style.taskText(t.resultError()));
            }
        }
        lost(r, style, out);
        // skipped tasks by why: a dependency that did not succeed, or the cost limit
        Map<String, List<String>> skipped = new LinkedHashMap<>();
        r.results().values().stream()
                .filter(t -> t.status() == TaskStatus.SKIPPED)
                .forEach(t -> skipped.computeIfAbsent(
                                t.reason() != null && t.reason().startsWith("cost limit")
                                        ? t.reason()
                                        : "a dependency did not succeed",
                                k -> new ArrayList<>())
                        .add(t.taskId()));
        skipped.forEach((why, ids) -> out.println("  " + style.yellow("skipped") + " "
                + String.join(", ", ids.size() > 10 ? ids.subList(0, 10) : ids)
                + (ids.size() > 10 ? " … and " + (ids.size() - 10) + " more" : "")
                + " (" + why + ")"));
        if (r.resumedFrom() != null) {
            out.println("  " + style.dim("resumed from " + r.resumedFrom()));
        }
        out.println("  " + style.dim("record: " + r.dir().resolve("run.json")));
        out.flush();
    }

    /**
     * The end of a failed task's output and the log it comes from: stderr when the task wrote
     * there, else stdout, and when both are empty, a line that says so rather than a pointer to
     * an empty file.
     */
    /** Attempts lost with a cluster worker, which ran again elsewhere: a few named, the rest counted. */
    private static void lost(RunRecord r, Style style, PrintWriter out) {
        List<String> lost = new ArrayList<>();
        for (TaskResult t : r.results().values()) {
            for (var a : t.attempts()) {
                if (a.lost()) {
                    lost.add(t.taskId() + " on " + a.worker());
                }
            }
        }
        if (!lost.isEmpty()) {
            int shown = Math.min(lost.size(), 5);
            out.println("  " + style.yellow("lost") + " " + lost.size() + " attempt" + (lost.size() == 1 ? "" : "s")
                    + " with their worker, run again: " + String.join(", ", lost.subList(0, shown))
                    + (lost.size() > shown ? ", …" : ""));
        }
    }

    private static void failureOutput(Path taskDir, Style style, PrintWriter out) {
        Path stderr = taskDir.resolve("stderr.log");
        Path stdout = taskDir.resolve("stdout.log");
        if (!Files.exists(stderr) && !Files.exists(stdout)) {
            return; // the task never started (an agent that could not be made, a cancelled run)
        }
        for (Path log : List.of(stderr, stdout)) {
            List<String> lines = tail(log, STDERR_LINES);
            if (!lines.isEmpty()) {
                for (String line : lines) {
                    out.println("    " + style.dim("| ") + style.taskText(line));
                }
                out.println("    " + style.dim("log: " + log));
                return;
            }
        }
        out.println("    " + style.dim("no output: stdout.log and stderr.log are empty in " + taskDir));
    }

    /** The last lines of a file, read from its end: a log may be huge. */
    static List<String> tail(Path file, int count) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            int chunk = (int) Math.min(len, 16 * 1024);
            byte[] buf = new byte[chunk];
            f.seek(len - chunk);
            f.readFully(buf);
            String text = new String(buf, StandardCharsets.UTF_8).stripTrailing();
            if (text.isEmpty()) {
                return List.of();
            }
            List<String> lines = List.of(text.split("\n"));
            List<String> last = lines.subList(Math.max(0, lines.size() - count), lines.size());
            List<String> cut = new ArrayList<>();
            for (String l : last) {
                cut.add(l.length() > 200 ? l.substring(0, 200) + "…" : l);
            }
            return cut;
        } catch (IOException e) {
            return List.of();
        }
    }
}
