package dev.fanout.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.fanout.ProcessTest;
import java.io.Serializable;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A worker's member refuses to deserialize any Java-serialized object, whatever its class. */
@ProcessTest
class JavaSerializationRefusedTest {
    record Payload(String command) implements Serializable {}

    @Test
    void aJavaSerializedObjectIsRefusedWhileTextCrosses() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(
                ClusterSetup.member("test-" + UUID.randomUUID(), "127.0.0.1", port, List.of(), 1, Labels.NONE));
        try {
            IQueue<Object> q = hz.getQueue("fanout.test");
            q.offer(new Payload("rm -rf ~"));
            RuntimeException e = assertThrows(RuntimeException.class, q::poll);
            assertTrue(causedBySecurity(e), "refused by the filter: " + e);
            q.offer("plain text");
            assertEquals("plain text", q.poll());
        } finally {
            hz.shutdown();
        }
    }

    private static boolean causedBySecurity(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SecurityException) {
                return true;
            }
        }
        return false;
    }
}
