package dev.fanout.cli;

import dev.fanout.Numbers;
import dev.fanout.session.Session;
import dev.fanout.task.TaskSet;
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
        out.println("tasks: " + tasks(s.tasks()));
        if (!s.overrides().isEmpty()) {
            java.util.StringJoiner settings = new java.util.StringJoiner(", ");
            s.overrides().forEach((k, v) -> settings.add(k + "=" + v));
            out.println("settings: " + settings);
        }
        if (!s.variables().isEmpty()) {
            out.println("variables: " + String.join(", ", s.variables().keySet()));
        }
        if (s.lastAnalysis() != null) {
            out.println("last analysis: " + Plural.of(s.lastAnalysis().waves().size(), "wave")
                    + ", estimated speedup "
                    + Numbers.text(s.lastAnalysis().speedup()) + "x, "
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

    /** "4 from search.json", "5: 4 from search.json, 1 added by hand", "2 added by hand". */
    private static String tasks(TaskSet tasks) {
        if (tasks.isEmpty()) {
            return "none";
        }
        int size = tasks.size();
        // a task added by hand has no place in a file
        long byHand = tasks.tasks().stream().filter(t -> t.position() == null).count();
        if (byHand == 0 || byHand == size && !tasks.source().equals("session")) {
            return size + " from " + tasks.source();
        }
        if (byHand == size) {
            return size + " added by hand";
        }
        return size + ": " + (size - byHand) + " from " + tasks.source() + ", " + byHand + " added by hand";
    }
}
