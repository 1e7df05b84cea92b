package dev.fanout.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.cluster.Member;
import dev.fanout.Json;
import dev.fanout.exec.AttemptContext;
import dev.fanout.exec.RunningAttempt;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An attempt running on a worker, seen from the coordinator: the coordinator's one reader thread
 * hands it the frames the worker sends, and it appends them to the attempt's logs and result
 * file as they come. Only that thread touches its files.
 */
final class RemoteAttempt implements RunningAttempt {
    final String id;
    private final AttemptContext ctx;
    private final Member member;
    private final String worker;
    private final Consumer<RemoteAttempt> sendStop;
    private final CompletableFuture<AttemptEnd> ended = new CompletableFuture<>();
    private OutputStream out;
    private OutputStream err;
    private OutputStream result;

    RemoteAttempt(String id, AttemptContext ctx, Member member, Consumer<RemoteAttempt> sendStop) {
        this.id = id;
        this.ctx = ctx;
        this.member = member;
        this.worker = ClusterRunner.address(member);
        this.sendStop = sendStop;
    }

    Member member() {
        return member;
    }

    /**
     * Takes one frame; on the reader thread.
     *
     * @return the end when this frame was the last one, else null
     */
    AttemptEnd take(Frame f) {
        try {
            switch (f.kind()) {
                case Frame.STDOUT -> (out = open(out, ctx.stdout())).write(f.payload());
                case Frame.STDERR -> (err = open(err, ctx.stderr())).write(f.payload());
                case Frame.RESULT -> (result = open(result, ctx.resultFile())).write(f.payload());
                case Frame.END -> {
                    return closeAll(endOf(f.payload()));
                }
                default -> {
                    // a kind this version does not know: ignored
                }
            }
        } catch (IOException e) {
            return closeAll(new AttemptEnd(null, 0, "cannot write the task's output: " + e.getMessage()));
        }
        return null;
    }

    /** The worker is gone: the attempt ends as lost, to be run again elsewhere; on the reader thread. */
    AttemptEnd lose(String why) {
        return closeAll(AttemptEnd.lost(worker, why));
    }

    private static OutputStream open(OutputStream s, Path file) throws IOException {
        return s != null ? s : Files.newOutputStream(file);
    }

    private AttemptEnd closeAll(AttemptEnd end) {
        AttemptEnd e = end;
        try {
            // the logs exist, if empty, as a local run leaves them
            open(out, ctx.stdout()).close();
            open(err, ctx.stderr()).close();
            if (result != null) {
                result.close();
            }
        } catch (IOException x) {
            e = new AttemptEnd(null, 0, "cannot write the task's output: " + x.getMessage());
        }
        out = err = result = null;
        return e.on(worker);
    }

    /** Completes the attempt; after {@link #take} or {@link #lose} returned its end. */
    void complete(AttemptEnd end) {
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
        sendStop.accept(this);
    }
}
