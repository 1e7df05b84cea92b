package dev.fanout.cli;

import static dev.fanout.exec.RunFixture.file;
import static dev.fanout.exec.RunFixture.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.ProcessTest;
import dev.fanout.exec.RunFixture;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up stays light: Hazelcast is loaded only by {@code worker} and {@code run --cluster}. */
@ProcessTest
class ClusterLazyLoadingTest {
    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    private String loaded(String name, int expectedExit, String... args) throws Exception {
        Path log = tmp.resolve(name + ".classes");
        try (FanoutProcess f =
                FanoutProcess.start(tmp.resolve(name), List.of("-Xlog:class+load=info:file=" + log), args)) {
            assertEquals(expectedExit, f.await(LIMIT), f.stderr());
        }
        return Files.readString(log);
    }

    @Test
    void aLocalRunLoadsNoHazelcastClassWhileAClusterRunDoes() throws Exception {
        Path file = RunFixture.write(tmp.resolve("t.json"), file(null, task("a", "true"), task("b", "true", "a")));
        String home = tmp.resolve("home").toString();
        String local = loaded("local", 0, "run", file.toString(), "--home", home);
        assertFalse(local.contains("com.hazelcast."), "a local run loaded Hazelcast");
        assertFalse(local.contains("dev.fanout.cluster."), "a local run loaded the cluster package");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String cluster = loaded("cluster", 2, "run", file.toString(), "--home", home, "--cluster", "127.0.0.1:" + port);
        assertTrue(cluster.contains("com.hazelcast."), "the check itself sees Hazelcast load when asked for");
    }
}
