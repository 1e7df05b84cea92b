package dev.fanout.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import dev.fanout.FanoutException;
import dev.fanout.Hint;
import dev.fanout.Json;
import dev.fanout.exec.AttemptContext;
import dev.fanout.exec.RunningAttempt;
import dev.fanout.exec.RunningAttempt.AttemptEnd;
import dev.fanout.exec.TaskRunner;
import dev.fanout.task.Task;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs command tasks on cluster workers: connects as a Hazelcast client, sends each task, signed,
 * to a worker with a free slot whose labels satisfy the task's {@code requires} (never more than
 * its slots), and writes what comes back into the run's folder as a local run would.
 *
 * <p>Per task it costs one message to the worker's inbox and, for a task that prints nothing,
 * one frame back: every attempt shares the coordinator's one reply queue, which one reader
 * thread drains in batches (a queue and a thread an attempt cost some 14 ms a task, most of it
 * creating and destroying the queue cluster-wide). A worker that leaves the cluster loses its
 * attempts: they end as lost once the frames it sent before it went are read.
 */
public final class ClusterRunner implements TaskRunner, AutoCloseable {
    private static final int BATCH = 256;

    private final HazelcastInstance client;
    private final ClusterKey key;
    private final String clientId;
    private final String replyName;
    private final IQueue<byte[]> replies;
    private final QueueReader<byte[]> replyReader;
    private final Map<UUID, Integer> busy = new HashMap<>();
    private final Map<UUID, IQueue<String>> inboxes = new ConcurrentHashMap<>();
    private final Map<String, RemoteAttempt> attempts = new ConcurrentHashMap<>();
    private final Map<String, Consumer<Frame>> requests = new ConcurrentHashMap<>();
    private final Set<UUID> gone = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final Thread reader;
    private volatile boolean closed;

    private ClusterRunner(HazelcastInstance client, ClusterKey key) {
        this.client = client;
        this.key = key;
        this.clientId = client.getLocalEndpoint().getUuid().toString();
        this.replyName = ClusterSetup.REPLY + clientId;
        this.replies = client.getQueue(replyName);
        this.replyReader = new QueueReader<>(replies);
        client.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                freed();
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                lost(e.getMember());
            }
        });
        reader = new Thread(this::read, "fanout-cluster-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Connects to the cluster.
     *
     * @throws FanoutException (bad input) when no member can be reached
     */
    public static ClusterRunner connect(String cluster, List<String> members, ClusterKey key) {
        try {
            return new ClusterRunner(HazelcastClient.newHazelcastClient(ClusterSetup.client(cluster, members)), key);
        } catch (RuntimeException e) {
            throw FanoutException.badInput(
                    "cannot reach a fanout worker at " + String.join(",", members) + " (cluster '" + cluster + "')",
                    Hint.command("worker").before("; start one with ").after(" or check --cluster"));
        }
    }

    /**
     * Checks before anything runs that every task this runner would run has a worker able to run it.
     *
     * @throws FanoutException (bad input) naming the first task no worker satisfies
     */
    public void check(Collection<Task> tasks) {
        for (Task t : tasks) {
            if (t.kind() != Task.Kind.COMMAND) {
                continue;
            }
            boolean any = client.getCluster().getMembers().stream()
                    .anyMatch(m -> labels(m).satisfy(t.requires()));
            if (!any) {
                String where = t.position() == null ? "" : t.position() + ": ";
                throw FanoutException.badInput(
                        where + "task '" + t.id() + "' requires " + new Labels(t.requires())
                                + " but no worker has those labels",
                        Hint.command("worker", "--labels", new Labels(t.requires()).toString())
                                .before("; start one with "));
            }
        }
    }

    @Override
    public RunningAttempt start(Task task, AttemptContext context) throws LaunchException {
        Member m = acquire(task);
        String id = "a" + ids.incrementAndGet();
        ObjectNode body = message("run", id);
        body.put("runId", context.runId());
        body.put("taskId", task.id());
        body.put("attempt", context.attempt());
        if (task.command().isShell()) {
            body.put("command", task.command().shellLine());
        } else {
            task.command().argv().forEach(body.putArray("command")::add);
        }
        if (task.cwd() != null) {
            body.put("cwd", task.cwd());
        }
        ObjectNode env = body.putObject("env");
        task.env().forEach(env::put);
        ObjectNode fanoutEnv = body.putObject("fanoutEnv");
        context.fanoutEnv().forEach(fanoutEnv::put);
        RemoteAttempt a = new RemoteAttempt(id, context, m, this::stopMessage);
        attempts.put(id, a);
        if (!client.getCluster().getMembers().contains(m)) {
            gone.add(m.getUuid()); // it left while we chose it: the reader settles the attempt as lost
        }
        try {
            send(inbox(m), SignedMessage.seal(key, body));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            settle(a, a.lose("interrupted while sending to worker " + address(m)));
        } catch (RuntimeException e) {
            settle(a, a.lose("lost: cannot send to worker " + address(m) + ": " + e.getMessage()));
        }
        return a;
    }

    /**
     * Puts a message in an inbox without a blocking call (one parked across a partition migration
     * waits out Hazelcast's 60 s call timeout); a full inbox is retried a while, and so is a call
     * that fails because the member holding the inbox died with it in flight (the client does not
     * redo a call that may have been applied): the worker drops a message it has already had.
     */
    private static void send(IQueue<String> inbox, String wire) throws InterruptedException {
        long pause = 1;
        for (int tries = 0; !offer(inbox, wire, tries); tries++) {
            if (tries == 200) {
                throw new IllegalStateException("its inbox stays full");
            }
            Thread.sleep(pause);
            pause = Math.min(100, pause * 2);
        }
    }

    private static boolean offer(IQueue<String> inbox, String wire, int tries) {
        try {
            return inbox.offer(wire);
        } catch (RuntimeException e) {
            if (tries >= 100) {
                throw e;
            }
            return false;
        }
    }

    private ObjectNode message(String kind, String id) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("kind", kind);
        body.put("client", clientId);
        body.put("reply", replyName);
        body.put("id", id);
        return body;
    }

    private IQueue<String> inbox(Member m) {
        return inboxes.computeIfAbsent(m.getUuid(), u -> client.getQueue(ClusterSetup.INBOX + u));
    }

    private void stopMessage(RemoteAttempt a) {
        try {
            inbox(a.member()).offer(SignedMessage.seal(key, message("stop", a.id)));
        } catch (RuntimeException e) {
            // the worker is unreachable: when it leaves the cluster, the attempt ends as lost
        }
    }

    /** Takes frames off the reply queue, in batches, and hands each to its attempt; until closed. */
    private void read() {
        List<byte[]> batch = new ArrayList<>();
        while (!closed) {
            // taken before reading: what a gone worker sent before it went is read before its attempts are lost
            Set<UUID> goneBefore = gone.isEmpty() ? Set.of() : Set.copyOf(gone);
            try {
                if (goneBefore.isEmpty()) {
                    batch = replyReader.next(BATCH);
                } else {
                    replies.drainTo(batch);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                continue; // partitions move as members leave: the queue answers again shortly
            }
            for (byte[] b : batch) {
                dispatch(Frame.of(b));
            }
            batch = new ArrayList<>();
            if (!goneBefore.isEmpty()) {
                for (RemoteAttempt a : attempts.values()) {
                    if (goneBefore.contains(a.member().getUuid())) {
                        settle(a, a.lose("lost: worker " + address(a.member()) + " left the cluster"));
                    }
                }
                gone.removeAll(goneBefore);
            }
        }
    }

    private void dispatch(Frame f) {
        if (f == null) {
            return;
        }
        RemoteAttempt a = attempts.get(f.id());
        if (a != null) {
            AttemptEnd end = a.take(f);
            if (end != null) {
                settle(a, end);
            }
            return;
        }
        Consumer<Frame> r = requests.get(f.id());
        if (r != null) {
            r.accept(f);
        }
        // else: the end of an attempt already settled as lost, from a worker that came back; dropped
    }

    /** Ends the attempt, once: whoever takes it out of the map completes it. */
    private void settle(RemoteAttempt a, AttemptEnd end) {
        if (attempts.remove(a.id, a)) {
            release(a.member());
            a.complete(end);
        }
    }

    /** A member with a free slot that satisfies the task, waiting for one to free up. */
    private synchronized Member acquire(Task task) throws LaunchException {
        while (true) {
            Member best = null;
            boolean able = false;
            for (Member m : client.getCluster().getMembers()) {
                if (!labels(m).satisfy(task.requires())) {
                    continue;
                }
                able = true;
                int used = busy.getOrDefault(m.getUuid(), 0);
                if (used < slots(m) && (best == null || used < busy.getOrDefault(best.getUuid(), 0))) {
                    best = m;
                }
            }
            if (!able) {
                throw new LaunchException("no worker with " + new Labels(task.requires()) + " is left in the cluster");
            }
            if (best != null) {
                busy.merge(best.getUuid(), 1, Integer::sum);
                return best;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("interrupted while waiting for a free worker");
            }
        }
    }

    private synchronized void release(Member m) {
        busy.computeIfPresent(m.getUuid(), (k, v) -> v <= 1 ? null : v - 1);
        notifyAll();
    }

    private synchronized void freed() {
        notifyAll();
    }

    private void lost(Member m) {
        gone.add(m.getUuid());
        inboxes.remove(m.getUuid());
        synchronized (this) {
            notifyAll();
        }
    }

    static String address(Member m) {
        return m.getAddress().getHost() + ":" + m.getAddress().getPort();
    }

    private static int slots(Member m) {
        String s = m.getAttribute(ClusterSetup.SLOTS);
        return s == null ? 0 : Integer.parseInt(s);
    }

    private static Labels labels(Member m) {
        return Labels.parse(m.getAttribute(ClusterSetup.LABELS));
    }

    /**
     * The workers, each with what it runs now, as it says itself (so tasks of every coordinator
     * show); a worker that does not answer within {@code wait} is listed with the problem.
     */
    public List<WorkerStatus> workers(Duration wait) {
        Map<Member, CompletableFuture<Frame>> asked = new LinkedHashMap<>();
        for (Member m : client.getCluster().getMembers()) {
            String id = "s" + ids.incrementAndGet();
            CompletableFuture<Frame> answer = new CompletableFuture<>();
            requests.put(id, answer::complete);
            asked.put(m, answer.whenComplete((f, e) -> requests.remove(id)));
            try {
                inbox(m).offer(SignedMessage.seal(key, message("status", id)));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }
        long deadline = System.nanoTime() + wait.toNanos();
        List<WorkerStatus> out = new ArrayList<>();
        for (Map.Entry<Member, CompletableFuture<Frame>> e : asked.entrySet()) {
            Member m = e.getKey();
            List<String> running = List.of();
            String problem = null;
            try {
                Frame f = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                JsonNode j = Json.mapper().readTree(f.payload());
                if (f.kind() == Frame.STATUS) {
                    List<String> r = new ArrayList<>();
                    j.path("running").forEach(t -> r.add(t.asText()));
                    running = r;
                } else {
                    problem = j.path("error").asText("an answer this version does not know");
                }
            } catch (TimeoutException x) {
                problem = "no answer within " + wait.toSeconds() + " s";
                e.getValue().cancel(false);
            } catch (ExecutionException | IOException x) {
                problem = "cannot ask it: " + x.getMessage();
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                problem = "interrupted";
            }
            out.add(new WorkerStatus(address(m), slots(m), labels(m), running, problem));
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        replyReader.close();
        try {
            replies.destroy();
        } catch (RuntimeException ignored) {
            // the cluster is gone; so is the queue
        }
        client.shutdown();
    }
}
