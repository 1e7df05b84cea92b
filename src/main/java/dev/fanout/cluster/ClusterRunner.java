package dev.fanout.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import dev.fanout.FanoutException;
import dev.fanout.Hint;
import dev.fanout.Json;
import dev.fanout.exec.AttemptContext;
import dev.fanout.exec.RunningAttempt;
import dev.fanout.exec.TaskRunner;
import dev.fanout.task.Task;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs command tasks on cluster workers: connects as a Hazelcast client, sends each task, signed,
 * to a worker with a free slot whose labels satisfy the task's {@code requires} (never more than
 * its slots), and writes what comes back into the run's folder as a local run would.
 */
public final class ClusterRunner implements TaskRunner, AutoCloseable {
    private final HazelcastInstance client;
    private final ClusterKey key;
    private final String clientId;
    private final Map<UUID, Integer> busy = new HashMap<>();
    private final Map<String, RemoteAttempt> attempts = new ConcurrentHashMap<>();

    private ClusterRunner(HazelcastInstance client, ClusterKey key) {
        this.client = client;
        this.key = key;
        this.clientId = client.getLocalEndpoint().getUuid().toString();
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
        String reply = ClusterSetup.REPLY + UUID.randomUUID();
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("kind", "run");
        body.put("client", clientId);
        body.put("reply", reply);
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
        RemoteAttempt a = new RemoteAttempt(client.getQueue(reply), context, m, this::stopMessage, () -> {
            attempts.remove(reply);
            release(m);
        });
        attempts.put(reply, a);
        try {
            client.<String>getQueue(ClusterSetup.INBOX + m.getUuid()).put(SignedMessage.seal(key, body));
        } catch (InterruptedException | RuntimeException e) {
            a.lose("cannot send to worker " + address(m) + ": " + e.getMessage());
        }
        a.start();
        return a;
    }

    private void stopMessage(RemoteAttempt a) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("kind", "stop");
        body.put("reply", a.reply());
        client.<String>getQueue(ClusterSetup.INBOX + a.member().getUuid()).offer(SignedMessage.seal(key, body));
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
        for (RemoteAttempt a : attempts.values()) {
            if (a.member().getUuid().equals(m.getUuid())) {
                a.lose("lost: worker " + address(m) + " left the cluster");
            }
        }
        synchronized (this) {
            busy.remove(m.getUuid());
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

    /** The workers: address, slots, labels. */
    public List<String> workers() {
        return client.getCluster().getMembers().stream()
                .map(m -> address(m) + " slots=" + slots(m) + " labels=" + labels(m))
                .toList();
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
