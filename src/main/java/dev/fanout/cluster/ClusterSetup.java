package dev.fanout.cluster;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.QueueConfig;
import com.hazelcast.config.SerializationConfig;
import java.util.List;
import java.util.Map;

/**
 * How fanout's members and clients are configured: TCP-IP join only (no multicast, no cloud
 * discovery), bound to one address, ready in seconds rather than Hazelcast's default waits,
 * quiet, no phone-home, and no Java deserialization at all.
 */
final class ClusterSetup {
    static final String DEFAULT_CLUSTER = "fanout";
    static final int DEFAULT_PORT = 5701;
    static final String SLOTS = "fanout.slots";
    static final String LABELS = "fanout.labels";
    /** A worker's inbox: signed task and stop messages, as JSON text. */
    static final String INBOX = "fanout.work.";
    /** A coordinator's way back, shared by its attempts: frames of output, result and end. */
    static final String REPLY = "fanout.reply.";
    /** Frames a reply queue holds before workers wait (at most 8 MB of output): bounded memory. */
    static final int REPLY_FRAMES = 128;

    /** Short waits a user may lengthen with -D (system properties win over these). */
    private static final Map<String, String> QUICK = Map.of(
            "hazelcast.wait.seconds.before.join", "0",
            "hazelcast.heartbeat.interval.seconds", "1",
            "hazelcast.max.no.heartbeat.seconds", "10",
            "hazelcast.max.join.seconds", "15",
            "hazelcast.client.heartbeat.interval", "1000",
            "hazelcast.client.heartbeat.timeout", "10000");

    private static final String CALL_TIMEOUT = "hazelcast.operation.call.timeout.millis";

    private static final java.util.concurrent.atomic.AtomicInteger CLIENTS =
            new java.util.concurrent.atomic.AtomicInteger();

    private ClusterSetup() {}

    static Config member(String cluster, String bind, int port, List<String> join, int slots, Labels labels) {
        Config c = new Config();
        c.setClusterName(cluster);
        c.setInstanceName("fanout-worker-" + port);
        common(c::setProperty);
        c.setProperty("hazelcast.socket.bind.any", "false");
        // a call whose answer is lost with a killed member fails after this and is sent afresh
        c.setProperty(CALL_TIMEOUT, System.getProperty(CALL_TIMEOUT, "10000"));
        NetworkConfig net = c.getNetworkConfig();
        net.setPort(port).setPortAutoIncrement(true).setPortCount(20);
        net.getInterfaces().setEnabled(true).addInterface(bind);
        JoinConfig j = net.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        j.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(join);
        c.getMemberAttributeConfig().setAttribute(SLOTS, Integer.toString(slots));
        c.getMemberAttributeConfig().setAttribute(LABELS, labels.toString());
        c.addQueueConfig(new QueueConfig(REPLY + "*").setMaxSize(REPLY_FRAMES));
        c.addQueueConfig(new QueueConfig(INBOX + "*").setMaxSize(10_000));
        c.getJetConfig().setEnabled(false);
        noJavaSerialization(c.getSerializationConfig());
        return c;
    }

    static ClientConfig client(String cluster, List<String> members) {
        ClientConfig c = new ClientConfig();
        c.setClusterName(cluster);
        // unique in the JVM: a shell may list workers while a run of its own is connected
        c.setInstanceName("fanout-coordinator-" + ProcessHandle.current().pid() + "-" + CLIENTS.incrementAndGet());
        common(c::setProperty);
        c.getNetworkConfig().setAddresses(members);
        c.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(5_000);
        noJavaSerialization(c.getSerializationConfig());
        return c;
    }

    private interface Setter {
        Object set(String name, String value);
    }

    private static void common(Setter p) {
        // Hazelcast logs some warnings before it reads its config (the module-access one)
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "none");
        }
        p.set("hazelcast.logging.type", "none");
        p.set("hazelcast.phone.home.enabled", "false");
        p.set("hazelcast.shutdownhook.enabled", "false");
        QUICK.forEach((k, v) -> p.set(k, System.getProperty(k, v)));
    }

    /**
     * Everything fanout sends is text or bytes; a Java-serialized object is refused whatever its
     * class (the whitelist names a class that does not exist, and the defaults are off).
     */
    private static void noJavaSerialization(SerializationConfig s) {
        ClassFilter only = new ClassFilter().addClasses("dev.fanout.cluster.NoJavaSerialization");
        s.setJavaSerializationFilterConfig(
                new JavaSerializationFilterConfig().setDefaultsDisabled(true).setWhitelist(only));
    }
}
