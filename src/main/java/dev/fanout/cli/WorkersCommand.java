package dev.fanout.cli;

import dev.fanout.FanoutException;
import dev.fanout.cluster.ClusterKey;
import dev.fanout.cluster.ClusterRunner;
import dev.fanout.cluster.WorkerStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code workers}: the cluster's workers, their slots and labels, and the tasks each runs now. */
@Command(name = "workers", description = "List the cluster's workers: slots, labels and the tasks they run now.")
public final class WorkersCommand implements Callable<Integer> {
    private static final Duration ANSWER = Duration.ofSeconds(5);

    private final CliContext ctx;

    @Option(
            names = "--cluster",
            split = ",",
            paramLabel = "HOST:PORT",
            description = "a worker to ask (default: the cluster_members setting)")
    List<String> cluster;

    @Option(names = "--key-file", description = "shared key (default: $FANOUT_HOME/cluster.key)")
    Path keyFile;

    public WorkersCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        List<String> members =
                cluster != null ? cluster : ctx.session().config().clusterMembers();
        if (members.isEmpty()) {
            // a one-shot 'set' lasts one command: there, the lasting place is the home's config
            throw FanoutException.badInput("no cluster to ask: give --cluster HOST:PORT, or "
                    + (ctx.inShell()
                            ? "'set cluster_members HOST:PORT'"
                            : "\"cluster_members\": [\"HOST:PORT\"] in "
                                    + ctx.session().home().root().resolve("config.json")));
        }
        Path key = keyFile != null ? keyFile : ctx.session().home().root().resolve("cluster.key");
        List<WorkerStatus> workers;
        try (ClusterRunner c = ClusterRunner.connect("fanout", members, ClusterKey.load(key))) {
            workers = c.workers(ANSWER);
        }
        TextTable t = new TextTable("WORKER", "SLOTS", "LABELS", "RUNNING");
        for (WorkerStatus w : workers) {
            String running = w.problem() != null
                    ? "? (" + w.problem() + ")"
                    : w.running().size() + (w.running().isEmpty() ? "" : ": " + String.join(", ", w.running()));
            t.row(
                    w.address(),
                    Integer.toString(w.slots()),
                    w.labels().toString().isEmpty() ? "-" : w.labels().toString(),
                    running);
        }
        t.print(ctx.out(), ctx.style());
        return 0;
    }
}
