package dev.fanout.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.cluster.Member;
import com.hazelcast.collection.IQueue;
import dev.fanout.Json;
import dev.fanout.exec.AttemptContext;
import dev.fanout.exec.RunningAttempt;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An attempt running on a worker, seen from the coordinator: a thread of its own takes the frames
 * the worker sends and appends them to the attempt's logs and result file as they come.
 */
final class RemoteAttempt implements RunningAttempt {
    private final IQueue<byte[]> frames;
    private final AttemptContext ctx;
    private final Member member;
    private final Consumer<RemoteAttempt> sendStop;
    private final Runnable done;
    private final CompletableFuture<AttemptEnd> ended = new CompletableFuture<>();
    private volatile String lost;

    RemoteAttempt(
            IQueue<byte[]> frames, AttemptContext ctx, Member member, Consumer<RemoteAttempt> sendStop, Runnable done) {
        this.frames = frames;
        this.ctx = ctx;
        this.member = member;
        this.sendStop = sendStop;
        this.done = done;
    }

    String reply() {
        return frames.getName();
    }

    Member member() {
        return member;
    }

    void start() {
        Thread t = new Thread(this::receive, "fanout-remote-" + ctx.fanoutEnv().get("FANOUT_TASK_ID"));
        t.setDaemon(true);
        t.start();
    }

    /** The worker is gone: the attempt ends as lost, to be run again elsewhere. */
    void lose(String why) {
        lost = why;
    }

    private void receive() {
        AttemptEnd end = null;
        try (OutputStream out = Files.newOutputStream(ctx.stdout());
                OutputStream err = Files.newOutputStream(ctx.stderr())) {
            OutputStream result = null;
            try {
                while (end == null && lost == null) {
                    byte[] b = frames.poll(500, TimeUnit.MILLISECONDS);
                    if (b == null) {
                        continue;
                    }
                    Frame f = Frame.of(b);
                    switch (f.kind()) {
                        case Frame.STDOUT -> out.write(f.payload());
                        case Frame.STDERR -> err.write(f.payload());
                        case Frame.RESULT -> {
                            if (result == null) {
                                result = Files.newOutputStream(ctx.resultFile());
                            }
                            result.write(f.payload());
                        }
                        case Frame.END -> end = endOf(f.payload());
                        default -> {
                            // a kind this version does not know: ignored
                        }
                    }
                }
            } finally {
                if (result != null) {
                    result.close();
                }
            }
        } catch (IOException e) {
            end = new AttemptEnd(null, 0, "cannot write the task's output: " + e.getMessage());
        } catch (InterruptedException | RuntimeException e) {
            end = new AttemptEnd(null, 0, lost != null ? lost : "the cluster went away: " + e.getMessage());
        }
        if (end == null) {
            end = new AttemptEnd(null, 0, lost);
        }
        try {
            frames.destroy();
        } catch (RuntimeException ignored) {
            // the cluster is gone; so is the queue
        }
        done.run();
        ended.complete(end);
    }

    private static AttemptEnd endOf(byte[] json) throws IOException {
        JsonNode e = Json.mapper().readTree(json);
        Integer exit = e.path("exit").isInt() ? e.get("exit").asInt() : null;
        String error = e.path("error").isTextual() ? e.get("error").asText() : null;
        return new AttemptEnd(
                exit, e.path("signal").asInt(), error, e.path("retryable").asBoolean(true));
    }

    @Override
    public CompletableFuture<AttemptEnd> ended() {
        return ended;
    }

    @Override
    public void stop() {
        try {
            sendStop.accept(this);
        } catch (RuntimeException e) {
            lose("cannot reach worker " + ClusterRunner.address(member) + ": " + e.getMessage());
        }
    }
}
