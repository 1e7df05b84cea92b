package dev.fanout.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.AtomicFile;
import dev.fanout.FanoutException;
import dev.fanout.Json;
import dev.fanout.config.Config;
import dev.fanout.task.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One run's folder: {@code tasks/ID/} with each task's logs and result, and the {@code joblog}
 * in GNU Parallel's columns, one line per attempt, written as attempts end.
 */
final class RunDirectory implements AutoCloseable {
    static final String JOBLOG_HEADER = "Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand\n";
    /** stdout is read as the result only when it looks like JSON and is no bigger than this. */
    private static final long STDOUT_RESULT_LIMIT = 8L << 20;

    private final String runId;
    private final Path dir;
    private final Writer joblog;

    /**
     * Creates the run's folder.
     *
     * @throws FanoutException (bad input) when it cannot be created or written
     */
    RunDirectory(String runId, Path dir) {
        this.runId = runId;
        this.dir = dir;
        try {
            Files.createDirectories(dir.resolve("tasks"));
            joblog = Files.newBufferedWriter(
                    dir.resolve("joblog"),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            joblog.write(JOBLOG_HEADER);
            joblog.flush();
        } catch (IOException e) {
            throw FanoutException.badInput("cannot write the run record in " + dir + " (" + reason(e)
                    + "); check that fanout's home is writable, or choose another with --home");
        }
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
    }

    Path path() {
        return dir;
    }

    Path taskDir(String taskId) {
        return dir.resolve("tasks").resolve(taskId);
    }

    /**
     * Prepares an attempt: the task's folder, the previous attempt's logs kept as
     * {@code stdout.N.log}, and a fresh result file path.
     */
    AttemptContext prepare(Task task, int attempt, Config config, Consumer<AttemptContext.OutputLine> lines)
            throws IOException {
        Path taskDir = taskDir(task.id());
        Files.createDirectories(taskDir);
        Path stdout = taskDir.resolve("stdout.log");
        Path stderr = taskDir.resolve("stderr.log");
        if (attempt > 1) {
            keep(stdout, taskDir.resolve("stdout." + (attempt - 1) + ".log"));
            keep(stderr, taskDir.resolve("stderr." + (attempt - 1) + ".log"));
        }
        Path resultFile = taskDir.resolve("out.json");
        Files.deleteIfExists(resultFile);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FANOUT_TASK_ID", task.id());
        env.put("FANOUT_RUN_ID", runId);
        env.put("FANOUT_RUN_DIR", dir.toString());
        env.put("FANOUT_RESULT", resultFile.toString());
        env.put("FANOUT_ATTEMPT", Integer.toString(attempt));
        return new AttemptContext(runId, dir, taskDir, stdout, stderr, resultFile, attempt, env, config, lines);
    }

    private static void keep(Path log, Path as) throws IOException {
        if (Files.exists(log)) {
            Files.move(log, as, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Appends the attempt's line to the joblog, as GNU Parallel's print_joblog writes it: runtime
     * right-aligned in ten columns, exit value -1 for an attempt stopped by a signal (as for a job
     * killed on --timeout), newlines in the command as NUL, so {@code parallel --retry-failed}
     * and other joblog readers take it as their own.
     */
    void joblog(int seq, Attempt a, String command, Path stdout) {
        long received = 0;
        try {
            received = Files.exists(stdout) ? Files.size(stdout) : 0;
        } catch (IOException ignored) {
            // the size is informative only
        }
        int exitval = a.exitCode() == null || a.signal() != 0 ? -1 : a.exitCode();
        // built by hand: String.format on doubles was a measurable part of a short task's cost
        StringBuilder line = new StringBuilder(64 + command.length());
        // Host as GNU Parallel writes it: ":" for this machine, else the worker that ran it
        line.append(seq)
                .append('\t')
                .append(a.worker() == null ? ":" : a.worker())
                .append('\t');
        millis(line, a.startedAt().toEpochMilli());
        line.append('\t');
        int col = line.length();
        millis(line, Math.round(a.seconds() * 1000));
        line.insert(col, " ".repeat(Math.max(0, 10 - (line.length() - col))));
        line.append("\t0\t")
                .append(received)
                .append('\t')
                .append(exitval)
                .append('\t')
                .append(a.signal())
                .append('\t')
                .append(command.replace('\n', '\0'))
                .append('\n');
        try {
            joblog.append(line);
            joblog.flush();
        } catch (IOException e) {
            throw new FanoutException(
                    FanoutException.FAILED, "cannot write " + dir.resolve("joblog") + ": " + e.getMessage());
        }
    }

    /** Milliseconds as seconds with three decimals, as {@code %.3f} prints them. */
    static void millis(StringBuilder to, long millis) {
        if (millis < 0) {
            to.append('-');
            millis = -millis;
        }
        long frac = millis % 1000;
        to.append(millis / 1000).append('.');
        if (frac < 100) {
            to.append(frac < 10 ? "00" : "0");
        }
        to.append(frac);
    }

    /** What a task runs, as the joblog's Command column shows it; a command as a line a shell runs the same way. */
    static String describe(Task task) {
        return switch (task.kind()) {
            case COMMAND ->
                task.command().isShell()
                        ? task.command().shellLine()
                        : shellQuoted(task.command().argv());
            case AGENT -> "agent " + task.agent() + ": " + task.prompt();
            case SCRIPT -> "script: " + task.script();
            case NONE -> "(nothing to run)";
        };
    }

    /** An argv list as one POSIX shell line that gives back the same words: for the joblog, never run by fanout. */
    static String shellQuoted(java.util.List<String> argv) {
        StringBuilder s = new StringBuilder();
        for (String arg : argv) {
            if (s.length() > 0) {
                s.append(' ');
            }
            if (!arg.isEmpty()
                    && arg.chars()
                            .allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || "-_./:=@%+,".indexOf(c) >= 0)) {
                s.append(arg);
            } else {
                s.append('\'').append(arg.replace("'", "'\\''")).append('\'');
            }
        }
        return s.toString();
    }

    /** A task's structured result: what it wrote to FANOUT_RESULT, else stdout when that is JSON. */
    record Collected(JsonNode result, String error) {}

    /** Reads the attempt's result and keeps it as {@code result.json}. */
    Collected collect(AttemptContext ctx) {
        Collected c = read(ctx);
        if (c.result() != null) {
            try {
                AtomicFile.write(
                        ctx.taskDir().resolve("result.json"),
                        out -> Json.mapper().writeValue(out, c.result()));
            } catch (IOException e) {
                return new Collected(c.result(), "cannot keep result.json: " + e.getMessage());
            }
        }
        return c;
    }

    /** Removes the result.json {@link #collect} kept, for an attempt whose result does not count. */
    void discard(AttemptContext ctx) {
        try {
            Files.deleteIfExists(ctx.taskDir().resolve("result.json"));
        } catch (IOException e) {
            // the record does not point at it
        }
    }

    private Collected read(AttemptContext ctx) {
        Path file = ctx.resultFile();
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                try {
                    return new Collected(Json.mapper().readTree(file.toFile()), null);
                } catch (JsonProcessingException e) {
                    var loc = e.getLocation();
                    return new Collected(
                            null,
                            "FANOUT_RESULT is not JSON ("
                                    + (loc == null ? "" : "line " + loc.getLineNr() + ":" + loc.getColumnNr() + ": ")
                                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
                }
            }
            Path stdout = ctx.stdout();
            if (Files.exists(stdout) && Files.size(stdout) <= STDOUT_RESULT_LIMIT && looksLikeJson(stdout)) {
                try {
                    return new Collected(Json.mapper().readTree(stdout.toFile()), null);
                } catch (JsonProcessingException e) {
                    return new Collected(null, null); // stdout is text that starts like JSON: not a result
                }
            }
        } catch (IOException e) {
            return new Collected(null, "cannot read the result: " + e.getMessage());
        }
        return new Collected(null, null);
    }

    private static boolean looksLikeJson(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int b;
            while ((b = in.read()) != -1) {
                if (!Character.isWhitespace(b)) {
                    return b == '{' || b == '[';
                }
            }
        }
        return false;
    }

    /** The last non-blank line of a log, cut to 160 characters, or null; read from the end, so a huge log costs nothing. */
    static String lastLine(Path log) {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(log.toFile(), "r")) {
            long len = f.length();
            int chunk = (int) Math.min(len, 4096);
            byte[] buf = new byte[chunk];
            f.seek(len - chunk);
            f.readFully(buf);
            String[] lines = new String(buf, StandardCharsets.UTF_8).split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                String l = lines[i].strip();
                if (!l.isEmpty()) {
                    return l.length() > 160 ? l.substring(0, 160) + "…" : l;
                }
            }
        } catch (IOException e) {
            // no log, no line
        }
        return null;
    }

    @Override
    public void close() {
        try {
            joblog.close();
        } catch (IOException ignored) {
            // every line was flushed as it was written
        }
    }
}
