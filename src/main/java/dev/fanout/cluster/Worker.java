package dev.fanout.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.client.Client;
import com.hazelcast.client.ClientListener;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.fanout.FanoutException;
import dev.fanout.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A cluster member that runs the tasks coordinators send it: it reads signed messages from its
 * inbox, runs each task as {@link WorkerAttempt}, stops the trees of a coordinator that goes
 * away, and on {@link #close} stops everything it runs and leaves the cluster.
 */
public final class Worker implements AutoCloseable {
    /**
     * How a worker is started.
     *
     * @param join members to join ({@code host:port}), empty to start a cluster
     */
    public record Settings(
            String cluster, String bind, int port, List<String> join, int slots, Labels labels, ClusterKey key) {}

    private final Settings settings;
    private final Consumer<String> log;
    private final HazelcastInstance hz;
    private final String address;
    private final Path scratch;
    private final Map<String, WorkerAttempt> running = new ConcurrentHashMap<>();
    /** The latest run messages taken, bounded: a resend comes within seconds of the first. */
    private final Set<String> had = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    });

    private final ExecutorService threads;
    private final Thread inboxReader;
    private volatile boolean closing;

    private Worker(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
        try {
            this.scratch = Files.createTempDirectory("fanout-worker");
        } catch (IOException e) {
            throw new FanoutException(FanoutException.FAILED, "cannot make a scratch folder: " + e.getMessage());
        }
        try {
            this.hz = Hazelcast.newHazelcastInstance(ClusterSetup.member(
                    settings.cluster(),
                    settings.bind(),
                    settings.port(),
                    settings.join(),
                    settings.slots(),
                    settings.labels()));
        } catch (RuntimeException e) {
            throw FanoutException.badInput(
                    "cannot start a worker on " + settings.bind() + ":" + settings.port() + ": " + e.getMessage());
        }
        var a = hz.getCluster().getLocalMember().getAddress();
        this.address = a.getHost() + ":" + a.getPort();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fanout-worker-task");
            t.setDaemon(true);
            return t;
        });
        hz.getClientService().addClientListener(new ClientListener() {
            @Override
            public void clientConnected(Client client) {
                // nothing to do until it sends work
            }

            @Override
            public void clientDisconnected(Client client) {
                coordinatorGone(client.getUuid().toString());
            }
        });
        IQueue<String> inbox = hz.getQueue(
                ClusterSetup.INBOX + hz.getCluster().getLocalMember().getUuid());
        QueueReader<String> reader = new QueueReader<>(inbox);
        this.inboxReader = new Thread(() -> read(reader), "fanout-worker-inbox");
        inboxReader.setDaemon(true);
        inboxReader.start();
    }

    /**
     * Starts a worker and returns once it has joined (or formed) its cluster.
     *
     * @param log receives one line per notable event (a refused message, a coordinator gone)
     * @throws FanoutException when the member cannot start (port taken, address not local)
     */
    public static Worker start(Settings settings, Consumer<String> log) {
        return new Worker(settings, log);
    }

    /** Where the worker listens, {@code host:port}. */
    public String address() {
        return address;
    }

    /** The line printed when the worker is ready. */
    public String readyLine() {
        String labels = settings.labels().toString();
        return "worker ready on " + address + " (cluster " + settings.cluster() + ", " + settings.slots() + " slots"
                + (labels.isEmpty() ? "" : ", labels " + labels) + ", "
                + hz.getCluster().getMembers().size()
                + " member(s))";
    }

    private void read(QueueReader<String> inbox) {
        while (!closing) {
            List<String> batch;
            try {
                batch = inbox.next(256);
            } catch (InterruptedException e) {
                return; // shutting down
            } catch (RuntimeException e) {
                // the cluster moves partitions as members come and go: the inbox answers again shortly
                if (!closing) {
                    pause();
                }
                continue;
            }
            for (String wire : batch) {
                JsonNode msg;
                try {
                    msg = SignedMessage.open(settings.key(), wire);
                } catch (SecurityException e) {
                    log.accept("refused a message: " + e.getMessage());
                    refuse(wire, e.getMessage());
                    continue;
                }
                handle(msg);
            }
        }
    }

    /**
     * Tells the sender of a refused task why, so its run fails at once instead of waiting: only
     * an end frame, to a reply queue of fanout's own naming, and nothing of the task is run.
     */
    private void refuse(String wire, String why) {
        JsonNode body = SignedMessage.unverified(wire);
        if (body == null
                || !body.path("reply").asText().startsWith(ClusterSetup.REPLY)
                || !body.path("id").isTextual()) {
            return;
        }
        ObjectNode end = Json.mapper().createObjectNode();
        end.putNull("exit");
        end.put("signal", 0);
        end.put("retryable", false);
        end.put(
                "error",
                "worker " + address + " refused the task: " + why
                        + "; give coordinator and workers the same cluster.key");
        send(body.get("reply").asText(), Frame.END, body.get("id").asText(), end);
    }

    /** Sends one small frame, dropping it when the queue is full or gone (its reader is gone too). */
    private void send(String reply, byte kind, String id, ObjectNode json) {
        try {
            hz.<byte[]>getQueue(reply).offer(new Frame(kind, id, Json.mapper().writeValueAsBytes(json)).bytes());
        } catch (JsonProcessingException | RuntimeException e) {
            log.accept("cannot answer " + reply + ": " + e.getMessage());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(JsonNode msg) {
        String kind = msg.path("kind").asText();
        String reply = msg.path("reply").asText();
        if (!reply.startsWith(ClusterSetup.REPLY)) {
            log.accept("refused a message without a reply queue of fanout's");
            return;
        }
        switch (kind) {
            case "stop" -> {
                WorkerAttempt a = running.get(
                        msg.path("client").asText() + "/" + msg.path("id").asText());
                if (a != null) {
                    a.stop(false);
                }
            }
            case "status" -> send(reply, Frame.STATUS, msg.path("id").asText(), status());
            case "run" -> {
                WorkerAttempt a = new WorkerAttempt(msg, address, scratch);
                String key = a.client + "/" + a.id;
                if (!had.add(key)) {
                    return; // a coordinator's resend after a member died with its first send in flight
                }
                running.put(key, a);
                IQueue<byte[]> out = hz.getQueue(reply);
                threads.execute(() -> {
                    try {
                        a.run(out);
                    } finally {
                        running.remove(key);
                    }
                });
            }
            default -> log.accept("refused a message of unknown kind '" + kind + "'");
        }
    }

    private ObjectNode status() {
        ObjectNode s = Json.mapper().createObjectNode();
        s.put("worker", address);
        s.put("slots", settings.slots());
        s.put("labels", settings.labels().toString());
        var r = s.putArray("running");
        running.values().forEach(a -> r.add(a.describe()));
        return s;
    }

    private void coordinatorGone(String client) {
        int n = 0;
        for (WorkerAttempt a : running.values()) {
            if (a.client.equals(client)) {
                a.stop(true);
                n++;
            }
        }
        if (n > 0) {
            log.accept("coordinator " + client + " is gone; stopped its " + n + " task(s)");
        }
        try {
            hz.getQueue(ClusterSetup.REPLY + client).destroy(); // nobody reads it any more
        } catch (RuntimeException ignored) {
            // another worker destroyed it first, or the cluster is going down
        }
    }

    /** Stops every task tree this worker runs and leaves the cluster. */
    @Override
    public void close() {
        closing = true;
        running.values().forEach(a -> a.stop(true));
        inboxReader.interrupt();
        try {
            hz.shutdown();
        } catch (RuntimeException ignored) {
            // already gone
        }
        threads.shutdownNow();
    }
}
