package dev.fanout.cli;

import dev.fanout.session.JsonSnapshotStore;
import dev.fanout.session.SnapshotStore;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sessions}: the saved sessions. */
@Command(name = "sessions", description = "List saved sessions.")
public final class SessionsCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private final CliContext ctx;

    public SessionsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        List<SnapshotStore.Info> infos =
                new JsonSnapshotStore(ctx.session().home().sessionsDir()).list();
        if (infos.isEmpty()) {
            ctx.out().println("no saved sessions; 'save NAME' saves this one");
            return 0;
        }
        ctx.out().println(ctx.style().bold(String.format("%-24s %-17s %6s %5s", "name", "saved at", "tasks", "runs")));
        for (SnapshotStore.Info i : infos) {
            if (i.savedAt() == null) {
                ctx.out().printf("%-24s %s%n", i.name(), ctx.style().red("unreadable"));
            } else {
                ctx.out().printf("%-24s %-17s %6d %5d%n", i.name(), WHEN.format(i.savedAt()), i.tasks(), i.runs());
            }
        }
        return 0;
    }
}
