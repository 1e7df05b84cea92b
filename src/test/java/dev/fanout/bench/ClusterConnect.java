package dev.fanout.bench;

import dev.fanout.cluster.ClusterKey;
import dev.fanout.cluster.ClusterRunner;
import java.nio.file.Path;
import java.util.List;

/**
 * Client connect time, as a coordinator pays it: {@code java ... ClusterConnect HOST:PORT KEYFILE}
 * prints the milliseconds from nothing loaded to a connected Hazelcast client (scripts/bench-cluster
 * runs it in a fresh JVM each round).
 */
public final class ClusterConnect {
    private ClusterConnect() {}

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        ClusterRunner r = ClusterRunner.connect("fanout", List.of(args[0]), ClusterKey.load(Path.of(args[1])));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        r.close();
        System.out.println(ms);
    }
}
