package dev.fanout.cli;

import dev.fanout.session.JsonSnapshotStore;
import dev.fanout.session.Session;
import dev.fanout.session.Snapshot;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code restore NAME}: bring back a saved session; the current one is untouched unless it succeeds. */
@Command(name = "restore", description = "Restore a saved session (the current one stays as it is if this fails).")
public final class RestoreCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(
            paramLabel = "NAME",
            completionCandidates = Candidates.SessionNames.class,
            description = "a saved session")
    String name;

    @Option(
            names = "--drop-missing-runs",
            description = "restore even if some of its runs were deleted, forgetting them")
    boolean dropMissingRuns;

    public RestoreCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Session restored = restore(ctx, name, dropMissingRuns);
        ctx.out()
                .println("restored session '" + restored.name() + "': "
                        + Plural.of(restored.tasks().size(), "task") + ", "
                        + Plural.of(restored.runs().size(), "run")
                        + (restored.scriptDefinitions() == 0
                                ? ""
                                : ", " + restored.scriptDefinitions() + " script definitions"));
        return 0;
    }

    /** Reads, checks and installs a session; shared with {@code fanout --session NAME}. */
    static Session restore(CliContext ctx, String name, boolean dropMissingRuns) {
        Snapshot snapshot =
                new JsonSnapshotStore(ctx.session().home().sessionsDir()).load(JsonSnapshotStore.checkName(name));
        Session restored = Session.restore(ctx.session().home(), snapshot, dropMissingRuns);
        ctx.session(restored);
        return restored;
    }
}
