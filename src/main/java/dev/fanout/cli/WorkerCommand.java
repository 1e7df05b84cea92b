package dev.fanout.cli;

import dev.fanout.cluster.ClusterKey;
import dev.fanout.cluster.Labels;
import dev.fanout.cluster.Worker;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code worker}: a cluster member that runs the command tasks of {@code run --cluster}. */
@Command(name = "worker", description = "Run tasks for 'fanout run --cluster' on this machine until Ctrl-C or SIGTERM.")
public final class WorkerCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--join", split = ",", paramLabel = "HOST:PORT", description = "members to join (TCP-IP)")
    List<String> join = List.of();

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            description = "address to listen on (default ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--port", defaultValue = "5701", description = "first port to try (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--slots", description = "tasks run at once (default: the core count)")
    Integer slots;

    @Option(names = "--labels", paramLabel = "K=V,...", description = "labels tasks may require")
    String labels;

    @Option(names = "--cluster", defaultValue = "fanout", description = "cluster name (default ${DEFAULT-VALUE})")
    String cluster;

    @Option(names = "--key-file", description = "shared key (default: $FANOUT_HOME/cluster.key, made on first use)")
    Path keyFile;

    public WorkerCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        int n = slots != null ? slots : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw dev.fanout.FanoutException.badInput("--slots must be at least 1");
        }
        Path key = keyFile != null ? keyFile : ctx.session().home().root().resolve("cluster.key");
        Worker.Settings s =
                new Worker.Settings(cluster, bind, port, join, n, Labels.parse(labels), ClusterKey.load(key));
        Worker worker = Worker.start(s, line -> ctx.err().println("worker: " + line));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            stopped.countDown();
        }));
        ctx.out().println(worker.readyLine());
        ctx.out().flush();
        stopped.await();
        return 0;
    }
}
