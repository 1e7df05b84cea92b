package dev.fanout.cli;

import dev.fanout.graph.Decision;
import dev.fanout.session.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code status}: what the session holds. */
@Command(
        name = "status",
        description = "Show what the session holds: tasks, settings, last analysis and run, unsaved changes.")
public final class StatusCommand implements Callable<Integer> {
    private final CliContext ctx;

    public StatusCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Session s = ctx.session();
        var out = ctx.out();
        out.println("session " + ctx.style().bold(s.name())
                + (s.unsaved() ? ctx.style().yellow(" (unsaved changes)") : "") + ", home "
                + s.home().root());
        out.println("tasks: "
                + (s.tasks().isEmpty()
                        ? "none"
                        : s.tasks().size() + " from " + s.tasks().source()));
        if (!s.overrides().isEmpty()) {
            out.println("settings: " + s.overrides());
        }
        if (!s.variables().isEmpty()) {
            out.println("variables: " + String.join(", ", s.variables().keySet()));
        }
        if (s.lastAnalysis() != null) {
            out.println("last analysis: " + s.lastAnalysis().waves().size() + " waves, estimated speedup "
                    + Decision.fmt(s.lastAnalysis().speedup()) + "x, "
                    + s.lastDecision().summary());
        }
        if (!s.runs().isEmpty()) {
            String last = s.runs().get(s.runs().size() - 1);
            String state =
                    s.runStore().exists(last) ? s.runStore().load(last).state().key() : "gone";
            out.println("runs: " + s.runs().size() + ", last " + last + " (" + state + ")");
        }
        return 0;
    }
}
