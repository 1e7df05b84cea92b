package dev.fanout.session;

import dev.fanout.AtomicFile;
import dev.fanout.FanoutException;
import dev.fanout.Json;
import dev.fanout.exec.AttemptContext;
import dev.fanout.exec.RunningAttempt;
import dev.fanout.exec.RunningAttempt.AttemptEnd;
import dev.fanout.exec.TaskRunner;
import dev.fanout.script.ScriptResult;
import dev.fanout.script.ScriptStoppedException;
import dev.fanout.task.Task;
import dev.fanout.task.TaskJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs a task's {@code script} on the session's JavaScript engine: the function gets the task
 * and what it returns is the task's result; what it logs is the task's stdout. A script that
 * throws fails the task and is not retried (the same function would throw again).
 */
final class ScriptTaskRunner implements TaskRunner {

    private final Supplier<dev.fanout.script.ScriptBridge> bridge;
    private final Path baseDir;

    ScriptTaskRunner(Supplier<dev.fanout.script.ScriptBridge> bridge, Path baseDir) {
        this.bridge = bridge;
        this.baseDir = baseDir;
    }

    @Override
    public RunningAttempt start(Task task, AttemptContext ctx) {
        // script tasks take turns on the one engine: only the time the script ran there is run time
        AtomicLong began = new AtomicLong(-1);
        CompletableFuture<ScriptResult> running = bridge.get()
                .runTask(
                        task.script(),
                        TaskJson.toJson(task),
                        baseDir,
                        () -> began.compareAndSet(-1, System.nanoTime()));
        CompletableFuture<AttemptEnd> ended = running.handle((result, error) -> {
            long start = began.get();
            double ran = start < 0 ? 0 : (System.nanoTime() - start) / 1e9;
            AttemptEnd end = end(result, error, ctx);
            return new AttemptEnd(end.exitCode(), end.signal(), end.error(), end.retryable(), ran);
        });
        return RunningAttempt.of(ended, () -> running.cancel(true));
    }

    private static AttemptEnd end(ScriptResult result, Throwable error, AttemptContext ctx) {
        try {
            if (error == null) {
                Files.write(
                        ctx.stdout(),
                        String.join("\n", result.log())
                                .concat(result.log().isEmpty() ? "" : "\n")
                                .getBytes(StandardCharsets.UTF_8));
                if (result.hasValue()) {
                    AtomicFile.write(ctx.resultFile(), out -> Json.mapper().writeValue(out, result.value()));
                }
                return new AttemptEnd(0, 0, null);
            }
            Throwable cause =
                    error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            String message = cause instanceof CancellationException ? "stopped" : String.valueOf(cause.getMessage());
            Files.writeString(ctx.stderr(), message + "\n");
            boolean stopped = cause instanceof CancellationException || cause instanceof ScriptStoppedException;
            return new AttemptEnd(
                    stopped ? null : 1, stopped ? 15 : 0, message, !(cause instanceof FanoutException) && !stopped);
        } catch (IOException e) {
            return new AttemptEnd(1, 0, "cannot write the script's output: " + e.getMessage());
        }
    }
}
