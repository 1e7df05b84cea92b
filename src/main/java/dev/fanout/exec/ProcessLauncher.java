package dev.fanout.exec;

import dev.fanout.exec.TaskRunner.LaunchException;
import dev.fanout.task.TaskLimits;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Starts one process from an argv list (never a shell string built by fanout) with its output
 * in the attempt's log files, standard input from /dev/null, and the fanout variables in its
 * environment. The process starts inside its {@link Enclosure} (a control group, or a session of its
 * own) and is stopped with everything in it.
 */
final class ProcessLauncher {
    /** How a launch failure for a program not on PATH begins. */
    static final String NOT_FOUND_PREFIX = "command not found: ";

    private static final File DEV_NULL = new File("/dev/null");
    private static final int LINE_PIECE = 64 * 1024;
    /** How long an ended process's output may keep coming: a background child can hold the pipe for ever. */
    private static final long OUTPUT_GRACE_MILLIS = 500;

    private ProcessLauncher() {}

    /**
     * Starts {@code argv}.
     *
     * @param cwd the working directory, or null for fanout's own
     * @param extraEnv variables added to fanout's environment (the task's, then fanout's own); a null value removes one
     */
    static RunningAttempt start(
            List<String> argv,
            String cwd,
            Map<String, String> extraEnv,
            AttemptContext ctx,
            Containment containment,
            TaskLimits limits)
            throws LaunchException {
        Enclosure enclosure;
        try {
            String name = ctx.fanoutEnv().getOrDefault("FANOUT_TASK_ID", "task") + "." + ctx.attempt();
            enclosure = containment.enclose(ctx.runId(), name, limits);
        } catch (IOException e) {
            throw new LaunchException(
                    "cannot make the task's " + containment.kind().label() + " group: " + e);
        }
        List<String> wrapped = enclosure.argv(argv);
        if (wrapped != argv) {
            // started through a wrapper, a missing program would be the wrapper's error: say it as the JDK would
            Executables.check(argv.get(0), NOT_FOUND_PREFIX);
        }
        ProcessBuilder pb = new ProcessBuilder(wrapped);
        if (cwd != null) {
            File dir = new File(cwd);
            if (!dir.isDirectory()) {
                throw new LaunchException("cwd '" + cwd + "' is not a folder; fix the task's cwd");
            }
            pb.directory(dir);
        }
        Map<String, String> env = pb.environment();
        UserLocale.restore(env);
        extraEnv.forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        env.putAll(ctx.fanoutEnv());
        pb.redirectInput(DEV_NULL);
        boolean streaming = ctx.lines() != null;
        if (!streaming) {
            pb.redirectOutput(ctx.stdout().toFile());
            pb.redirectError(ctx.stderr().toFile());
        }
        Process process;
        try {
            process = enclosure.start(pb);
        } catch (IOException e) {
            enclosure.ended();
            throw new LaunchException(launchError(argv.get(0), e));
        }
        CompletableFuture<Void> pumped = CompletableFuture.completedFuture(null);
        if (streaming) {
            String id = ctx.fanoutEnv().get("FANOUT_TASK_ID");
            pumped = CompletableFuture.allOf(
                    pump(process.getInputStream(), ctx.stdout(), id, false, ctx.lines()),
                    pump(process.getErrorStream(), ctx.stderr(), id, true, ctx.lines()));
        }
        return new ProcessAttempt(process, pumped, enclosure, limits);
    }

    private static String launchError(String program, IOException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("error=2,")) {
            return NOT_FOUND_PREFIX + program;
        }
        if (msg.contains("error=13,")) {
            return "permission denied: " + program + " is not executable";
        }
        return "cannot start " + program + ": " + msg;
    }

    /**
     * Copies a stream to its log file byte for byte and hands each line on, on a thread of its
     * own (stream mode only). A line longer than {@link #LINE_PIECE} bytes is handed on in
     * pieces, so a task printing one endless line costs no more heap than a short one.
     */
    private static CompletableFuture<Void> pump(
            InputStream in, Path log, String taskId, boolean stderr, Consumer<AttemptContext.OutputLine> lines) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    ByteArrayOutputStream line = new ByteArrayOutputStream();
                    Consumer<ByteArrayOutputStream> emit = b -> {
                        lines.accept(new AttemptContext.OutputLine(taskId, stderr, b.toString(StandardCharsets.UTF_8)));
                        b.reset();
                    };
                    try (in;
                            OutputStream out = Files.newOutputStream(log)) {
                        byte[] buf = new byte[64 * 1024];
                        int k;
                        while ((k = in.read(buf)) > 0) {
                            out.write(buf, 0, k);
                            int from = 0;
                            for (int i = 0; i < k; i++) {
                                if (buf[i] == '\n') {
                                    line.write(buf, from, i - from);
                                    emit.accept(line);
                                    from = i + 1;
                                }
                            }
                            line.write(buf, from, k - from);
                            if (line.size() >= LINE_PIECE) {
                                emit.accept(line);
                            }
                        }
                        if (line.size() > 0) {
                            emit.accept(line);
                        }
                    } catch (IOException e) {
                        // the process went away mid-line; what was read is in the log
                    } finally {
                        done.complete(null);
                    }
                },
                "fanout-output");
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** A running process and its tree. */
    private static final class ProcessAttempt implements RunningAttempt {
        private final Process process;
        private final Enclosure enclosure;
        private final CompletableFuture<AttemptEnd> ended;
        private final AtomicBoolean stopping = new AtomicBoolean();

        ProcessAttempt(Process process, CompletableFuture<Void> pumped, Enclosure enclosure, TaskLimits limits) {
            this.process = process;
            this.enclosure = enclosure;
            this.ended = process.onExit()
                    .thenCompose(p -> pumped.completeOnTimeout(null, OUTPUT_GRACE_MILLIS, TimeUnit.MILLISECONDS)
                            .thenApply(ignored -> end(p, limits)));
        }

        private AttemptEnd end(Process p, TaskLimits limits) {
            boolean outOfMemory = enclosure.outOfMemory();
            enclosure.ended();
            if (outOfMemory) {
                // trying again with the same limit would end the same way
                return new AttemptEnd(
                        p.exitValue(),
                        0,
                        "memory limit: over memory_max " + TaskLimits.formatSize(limits.memoryMaxBytes())
                                + ", the kernel killed a process of the task",
                        false);
            }
            // the JDK reports death by signal N as 128+N, which a shell's exit code can also be:
            // only the scheduler, which knows whether it stopped the attempt, reads a signal into it
            return new AttemptEnd(p.exitValue(), 0, null);
        }

        @Override
        public CompletableFuture<AttemptEnd> ended() {
            return ended;
        }

        @Override
        public void stop() {
            if (stopping.compareAndSet(false, true)) {
                Thread t = new Thread(() -> enclosure.stop(process.toHandle()), "fanout-stop");
                t.setDaemon(true);
                t.start();
            }
        }
    }
}
