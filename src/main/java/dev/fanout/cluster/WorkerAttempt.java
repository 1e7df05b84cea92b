package dev.fanout.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.collection.IQueue;
import dev.fanout.Json;
import dev.fanout.config.Config;
import dev.fanout.exec.AttemptContext;
import dev.fanout.exec.CommandRunner;
import dev.fanout.exec.RunningAttempt;
import dev.fanout.exec.TaskRunner;
import dev.fanout.task.Task;
import dev.fanout.task.TaskCommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One task run on a worker, exactly as a local run would (exec's {@link CommandRunner}: argv or
 * {@code sh -c}, env, cwd, tree kill), its logs in a scratch folder, then sent back in chunks.
 */
final class WorkerAttempt {
    /** How long the worker waits for a coordinator to take a frame before giving the attempt up. */
    private static final long SEND_TIMEOUT_SECONDS = 60;

    final String client;
    final String id;
    private final JsonNode msg;
    private final String worker;
    private final Path scratch;
    private volatile RunningAttempt running;
    private volatile boolean abandoned;

    WorkerAttempt(JsonNode msg, String worker, Path scratch) {
        this.msg = msg;
        this.client = msg.path("client").asText();
        this.id = msg.path("id").asText();
        this.worker = worker;
        this.scratch = scratch;
    }

    /** Runs the task and sends everything back; on the caller's thread. */
    void run(IQueue<byte[]> out) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(scratch, "attempt");
            Path stdout = dir.resolve("stdout.log");
            Path stderr = dir.resolve("stderr.log");
            Path result = dir.resolve("result.json");
            Map<String, String> fanoutEnv = strings(msg.path("fanoutEnv"));
            fanoutEnv.put("FANOUT_RESULT", result.toString());
            fanoutEnv.put("FANOUT_WORKER", worker);
            AttemptContext ctx = new AttemptContext(
                    msg.path("runId").asText(),
                    Path.of(fanoutEnv.getOrDefault("FANOUT_RUN_DIR", dir.toString())),
                    dir,
                    stdout,
                    stderr,
                    result,
                    msg.path("attempt").asInt(),
                    fanoutEnv,
                    Config.defaults(),
                    null);
            RunningAttempt.AttemptEnd end;
            try {
                running = new CommandRunner().start(task(), ctx);
                if (abandoned) {
                    running.stop();
                }
                end = running.ended().join();
            } catch (TaskRunner.LaunchException e) {
                end = new RunningAttempt.AttemptEnd(null, 0, "on worker " + worker + ": " + e.getMessage(), false);
            }
            send(out, Frame.STDOUT, stdout);
            send(out, Frame.STDERR, stderr);
            send(out, Frame.RESULT, result);
            ObjectNode e = Json.mapper().createObjectNode();
            if (end.exitCode() == null) {
                e.putNull("exit");
            } else {
                e.put("exit", end.exitCode());
            }
            e.put("signal", end.signal());
            e.put("error", end.error());
            e.put("retryable", end.retryable());
            e.put("worker", worker);
            put(out, new Frame(Frame.END, id, Json.mapper().writeValueAsBytes(e)));
        } catch (IOException | InterruptedException e) {
            abandoned = true;
        } finally {
            delete(dir);
        }
    }

    /** Stops the task's tree (the coordinator asked, or is gone); nothing more is sent. */
    void stop(boolean abandon) {
        if (abandon) {
            abandoned = true;
        }
        RunningAttempt r = running;
        if (r != null) {
            r.stop();
        }
    }

    private Task task() {
        JsonNode c = msg.path("command");
        TaskCommand command;
        if (c.isArray()) {
            List<String> argv = new ArrayList<>();
            c.forEach(a -> argv.add(a.asText()));
            command = TaskCommand.argv(argv);
        } else {
            command = TaskCommand.shell(c.asText());
        }
        String cwd = msg.path("cwd").isTextual() ? msg.get("cwd").asText() : null;
        return new Task(
                msg.path("taskId").asText(),
                null,
                null,
                null,
                null,
                command,
                null,
                null,
                null,
                cwd,
                strings(msg.path("env")),
                null,
                null,
                null,
                null,
                null);
    }

    private static Map<String, String> strings(JsonNode o) {
        Map<String, String> m = new LinkedHashMap<>();
        o.properties()
                .forEach(e -> m.put(
                        e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        return m;
    }

    private void send(IQueue<byte[]> out, byte kind, Path file) throws IOException, InterruptedException {
        if (!Files.exists(file)) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[Frame.CHUNK];
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                put(out, new Frame(kind, id, java.util.Arrays.copyOf(buf, n)));
            }
        }
    }

    private void put(IQueue<byte[]> out, Frame f) throws InterruptedException {
        if (abandoned) {
            throw new InterruptedException("abandoned");
        }
        // no blocking offer: one parked across a partition migration waits out a 60 s call timeout
        byte[] b = f.bytes();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SEND_TIMEOUT_SECONDS);
        long pause = 1;
        while (!offer(out, b)) {
            if (abandoned || System.nanoTime() > deadline) {
                throw new InterruptedException("the coordinator took nothing for " + SEND_TIMEOUT_SECONDS + " s");
            }
            Thread.sleep(pause); // the queue is full: the coordinator is writing what it holds
            pause = Math.min(50, pause * 2);
        }
    }

    /**
     * One try to put a frame; false when the queue is full or its partition is moving (a member
     * left: the frame must still reach the coordinator, so the caller tries again).
     */
    private static boolean offer(IQueue<byte[]> out, byte[] b) {
        try {
            return out.offer(b);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // scratch space; the OS's temp cleaning has the rest
        }
    }

    String describe() {
        return msg.path("runId").asText() + "/" + msg.path("taskId").asText();
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
