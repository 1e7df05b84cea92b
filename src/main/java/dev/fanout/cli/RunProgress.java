package dev.fanout.cli;

import dev.fanout.exec.Attempt;
import dev.fanout.exec.AttemptContext;
import dev.fanout.exec.RunListener;
import dev.fanout.exec.TaskResult;
import dev.fanout.exec.TaskStatus;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows a run as it goes. On a terminal: a live block (done/total, running tasks and their
 * time, failures, ETA) redrawn a few times a second, with task ends and grouped output printed
 * above it. Otherwise: one plain line per task start and end. Quiet: nothing until the summary.
 */
final class RunProgress implements RunListener, AutoCloseable {
    private static final int RUNNING_SHOWN = 6;

    private final PrintWriter out;
    private final PrintWriter err;
    private final Style style;
    private final boolean quiet;
    private final boolean showOutput;
    private final LiveBlock block;
    private final ScheduledExecutorService ticker;
    private final Map<String, Long> running = new LinkedHashMap<>();
    private final java.util.Set<String> retrying = new java.util.HashSet<>();
    private Map<String, Integer> attemptsAllowed = Map.of();
    private String runId = "";
    private int total;
    private int done;
    private int failed;
    private int cached;
    private double estimatedSeconds;
    private final LongSupplier clock;
    private final long startedNanos;

    /**
     * @param live the block to draw in, or null for plain lines
     * @param showOutput whether to print each task's output when it ends (group mode)
     */
    RunProgress(PrintWriter out, PrintWriter err, Style style, boolean quiet, boolean showOutput, LiveBlock live) {
        this(out, err, style, quiet, showOutput, live, System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()}: the times and ETA shown are read from it */
    RunProgress(
            PrintWriter out,
            PrintWriter err,
            Style style,
            boolean quiet,
            boolean showOutput,
            LiveBlock live,
            LongSupplier clock) {
        this.clock = clock;
        this.startedNanos = clock.getAsLong();
        this.out = out;
        this.err = err;
        this.style = style;
        this.quiet = quiet;
        this.showOutput = showOutput && !quiet;
        this.block = quiet ? null : live;
        if (block != null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fanout-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::redraw, 250, 250, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    @Override
    public synchronized void runStarted(String id, Path runDir, int totalTasks, double estimatedSpeedup) {
        this.runId = id;
        this.total = totalTasks;
        if (!quiet) {
            line(style.dim("run " + id + ": " + Plural.of(totalTasks, "task") + ", record in " + runDir));
        }
    }

    @Override
    public synchronized void note(String text) {
        if (!quiet) {
            line(style.cyan("note    ") + text);
        }
    }

    /** How many attempts each task may have, so that a retry says which of how many comes next. */
    synchronized void attemptsAllowed(Map<String, Integer> byTask) {
        this.attemptsAllowed = byTask;
    }

    /** The estimated length of the run, for the ETA. */
    synchronized void estimate(double seconds) {
        this.estimatedSeconds = seconds;
    }

    @Override
    public synchronized void taskStarted(String taskId, int attempt) {
        running.put(taskId, clock.getAsLong());
        retrying.remove(taskId);
        if (block == null && !quiet) {
            line("start   " + taskId + (attempt > 1 ? " (attempt " + attempt + ")" : ""));
        }
        redraw();
    }

    @Override
    public synchronized void attemptFailed(String taskId, Attempt attempt, double retryInSeconds) {
        running.remove(taskId);
        retrying.add(taskId);
        if (!quiet && attempt.lost()) {
            line(style.yellow("lost    ") + taskId + ": " + style.taskText(attempt.error()) + "; running it again");
        } else if (!quiet) {
            Integer allowed = attemptsAllowed.get(taskId);
            line(style.yellow("retry   ") + taskId + ": attempt " + attempt.number() + " "
                    + (attempt.error() == null ? "failed" : style.taskText(attempt.error())) + "; retrying in "
                    + TimeFormat.seconds(retryInSeconds) + " (attempt " + (attempt.number() + 1)
                    + (allowed == null ? "" : " of " + allowed) + ")");
        }
        redraw();
    }

    @Override
    public synchronized void taskEnded(TaskResult r, Path stdout, Path stderr) {
        running.remove(r.taskId());
        retrying.remove(r.taskId());
        done++;
        if (r.status() == TaskStatus.CACHED) {
            cached++;
        } else if (!r.status().isSuccess()) {
            failed += r.status() == TaskStatus.SKIPPED || r.status() == TaskStatus.CANCELLED ? 0 : 1;
        }
        if (!quiet) {
            line(endLine(r));
            if (showOutput) {
                output(stdout, out);
                output(stderr, err);
            }
        }
        redraw();
    }

    @Override
    public void outputLine(AttemptContext.OutputLine l) {
        if (quiet) {
            return;
        }
        String text = style.dim("[" + l.taskId() + "] ") + style.taskText(l.text());
        synchronized (this) {
            if (block != null) {
                block.printAbove(text);
            } else {
                (l.stderr() ? err : out).println(text);
                (l.stderr() ? err : out).flush();
            }
        }
    }

    private String endLine(TaskResult r) {
        String reason = style.taskText(r.reason()); // may quote what an agent said
        String secs = TimeFormat.seconds(r.seconds());
        int attempts = r.attempts().size();
        String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
        return switch (r.status()) {
            case SUCCEEDED -> style.green("ok      ") + r.taskId() + " " + style.dim(secs + tries);
            case CACHED ->
                style.green("cached  ") + r.taskId() + " "
                        + style.dim("from run " + r.cached().fromRun() + ", saves "
                                + TimeFormat.seconds(r.cached().savedSeconds()));
            case FAILED, TIMED_OUT ->
                style.red(String.format("%-8s", r.status() == TaskStatus.FAILED ? "FAILED" : "TIMEOUT")) + r.taskId()
                        + " " + secs + ": " + reason + tries;
            case SKIPPED -> style.yellow("skipped ") + r.taskId() + ": " + reason;
            case CANCELLED -> style.yellow("cancel  ") + r.taskId() + (reason == null ? "" : ": " + reason);
            default -> r.status().key() + " " + r.taskId();
        };
    }

    private void output(Path file, PrintWriter to) {
        if (file == null || !Files.exists(file)) {
            return;
        }
        to.flush();
        var printable = style.taskTextStream();
        // copied in chunks: a task's output may be far bigger than the heap; bytes that are not
        // UTF-8 show as replacement characters
        try (Reader in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            char[] buf = new char[64 * 1024];
            int k;
            StringBuilder pending = block != null ? new StringBuilder() : null;
            boolean endsLine = true;
            while ((k = in.read(buf)) > 0) {
                String s = printable.apply(new String(buf, 0, k));
                if (s.isEmpty()) {
                    continue;
                }
                endsLine = s.endsWith("\n");
                if (pending != null) {
                    pending.append(s);
                    if (pending.length() > 1 << 20) {
                        block.printAbove(pending.toString());
                        pending.setLength(0);
                    }
                } else {
                    to.print(s);
                }
            }
            if (pending != null && pending.length() > 0) {
                block.printAbove(pending.toString());
            } else if (pending == null && !endsLine) {
                to.println(); // output without a final newline must not run into the next status line
            }
            to.flush();
        } catch (IOException e) {
            line(style.dim("(cannot show " + file + ": " + e.getMessage() + ")"));
        }
    }

    private void line(String text) {
        if (block != null) {
            block.printAbove(text);
        } else {
            out.println(text);
            out.flush();
        }
    }

    /**
     * The time left. Before any task has finished: the estimate less the time so far, or, once
     * the run has outlasted it, by how much (a run slower than estimated must not claim to be
     * about to end); nothing without an estimate. Once tasks have finished: the tasks left at the
     * rate they have been finishing, blended with the estimate's time left while few have
     * finished, and trusted alone from the 20th task (or the end of a smaller run).
     *
     * @param estimatedSeconds the estimated length of the run; 0 when no task had an estimate
     */
    static String eta(double estimatedSeconds, double elapsedSeconds, int done, int total) {
        if (done == 0 || elapsedSeconds <= 0) {
            if (estimatedSeconds <= 0) {
                return "";
            }
            double left = estimatedSeconds - elapsedSeconds;
            return left > 0
                    ? ", ETA " + TimeFormat.seconds(left)
                    : ", " + TimeFormat.seconds(-left) + " past the estimate";
        }
        double measured = (total - done) * elapsedSeconds / done;
        double left = measured;
        if (estimatedSeconds > 0) {
            double trust = Math.min(1.0, done / Math.min(total, 20.0));
            left = trust * measured + (1 - trust) * Math.max(0, estimatedSeconds - elapsedSeconds);
        }
        return ", ETA " + TimeFormat.seconds(left);
    }

    private synchronized void redraw() {
        if (block == null) {
            return;
        }
        long now = clock.getAsLong();
        double elapsed = (now - startedNanos) / 1e9;
        List<String> lines = new ArrayList<>();
        String eta = done < total ? eta(estimatedSeconds, elapsed, done, total) : "";
        lines.add(style.bold(String.format(Locale.ROOT, "%d/%d done", done, total)) + ", " + running.size()
                + " running" + (retrying.isEmpty() ? "" : ", " + retrying.size() + " waiting to retry")
                + (cached > 0 ? ", " + cached + " cached" : "")
                + (failed > 0 ? ", " + style.red(failed + " failed") : "") + ", "
                + TimeFormat.seconds(elapsed) + eta + style.dim("  (Ctrl-C stops)"));
        int shown = 0;
        for (Map.Entry<String, Long> e : running.entrySet()) {
            if (shown++ == RUNNING_SHOWN) {
                lines.add(style.dim("  … and " + (running.size() - RUNNING_SHOWN) + " more"));
                break;
            }
            lines.add("  " + style.cyan("▸ ") + e.getKey() + " "
                    + style.dim(TimeFormat.seconds((now - e.getValue()) / 1e9)));
        }
        block.show(lines);
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (block != null) {
            block.clear();
        }
    }
}
