package dev.fanout.cli;

import dev.fanout.session.JsonSnapshotStore;
import dev.fanout.session.Snapshot;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code save [NAME]}: the session as a snapshot. */
@Command(name = "save", description = "Save the session (default: under its current name).")
public final class SaveCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(
            arity = "0..1",
            paramLabel = "NAME",
            completionCandidates = Candidates.SessionNames.class,
            description = "the name to save under")
    String name;

    public SaveCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        String as = JsonSnapshotStore.checkName(name == null ? ctx.session().name() : name);
        save(ctx, as);
        ctx.out()
                .println("saved session '" + as + "' ("
                        + Plural.of(ctx.session().tasks().size(), "task") + ", "
                        + Plural.of(ctx.session().runs().size(), "run") + ")");
        return 0;
    }

    /** Saves the session under {@code as}; shared with the shell's autosave. */
    static void save(CliContext ctx, String as) {
        Snapshot snapshot = ctx.session().snapshot(as);
        new JsonSnapshotStore(ctx.session().home().sessionsDir()).save(snapshot);
        ctx.session().saved(as);
    }
}
