package dev.fanout.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.fanout.Hint;
import dev.fanout.Json;
import dev.fanout.Numbers;
import dev.fanout.exec.RunRecord;
import dev.fanout.exec.TaskStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fanout runs}: a table of past runs, newest first. */
@Command(name = "runs", description = "List past runs, newest first.")
public final class RunsCommand implements Callable<Integer> {
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private final CliContext ctx;

    @Option(
            names = {"-n", "--limit"},
            paramLabel = "N",
            defaultValue = "20",
            description = "show at most N runs (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    public RunsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        var listing = ctx.session().runStore().listing();
        List<RunRecord> runs = listing.runs();
        List<RunRecord> shown = runs.subList(0, Math.min(limit, runs.size()));
        if (json) {
            ArrayNode array = Json.mapper().createArrayNode();
            for (RunRecord r : shown) {
                var o = array.addObject();
                o.put("run_id", r.runId());
                o.put("status", r.state().key());
                o.put("started_at", r.startedAt().toString());
                o.put("tasks", r.results().size());
                o.put("succeeded", r.counts().getOrDefault(TaskStatus.SUCCEEDED, 0));
                o.put("cached", r.counts().getOrDefault(TaskStatus.CACHED, 0));
                o.put("wall_seconds", Numbers.rounded(r.wallSeconds()));
                o.put("measured_speedup", Numbers.rounded(r.measuredSpeedup()));
                o.put("source", r.source());
                if (r.usage() != null) {
                    o.put("cost_usd", r.usage().roundedCost());
                }
                o.put("resumed_from", r.resumedFrom());
            }
            listing.damaged()
                    .forEach((id, problem) -> array.addObject()
                            .put("run_id", id)
                            .put("status", "damaged")
                            .put("problem", problem));
            ctx.out().println(Json.pretty(array));
            return 0;
        }
        if (runs.isEmpty() && listing.damaged().isEmpty()) {
            ctx.out()
                    .println("no runs yet in " + ctx.session().runStore().runsDir()
                            + ctx.say(Hint.command("run", "FILE").before("; ").after(" makes one")));
            return 0;
        }
        // columns as wide as their widest cell: '20000/20000' must not push the rest out of line
        // a cost column only where some run's agents reported what they spent
        boolean costs = shown.stream().anyMatch(r -> r.usage() != null);
        TextTable table = costs
                ? new TextTable("run", "started", "status", "ok/tasks", "wall", "speedup", "cost", "source")
                : new TextTable("run", "started", "status", "ok/tasks", "wall", "speedup", "source");
        for (RunRecord r : shown) {
            List<String> cells = new java.util.ArrayList<>(List.of(
                    r.runId(),
                    WHEN.format(r.startedAt()),
                    r.state().key(),
                    (r.counts().getOrDefault(TaskStatus.SUCCEEDED, 0)
                                    + r.counts().getOrDefault(TaskStatus.CACHED, 0))
                            + "/" + r.results().size(),
                    TimeFormat.seconds(r.wallSeconds()),
                    Numbers.text(r.measuredSpeedup()) + "x",
                    r.source() + (r.resumedFrom() == null ? "" : " (resumes " + r.resumedFrom() + ")")));
            if (costs) {
                cells.add(cells.size() - 1, r.usage() == null ? "-" : r.usage().costText());
            }
            table.row(cells.toArray(String[]::new));
        }
        // a run whose record cannot be read is still a run: listed, with what is wrong
        listing.damaged()
                .forEach((id, problem) -> table.row(
                        costs
                                ? new String[] {id, "-", "damaged", "-", "-", "-", "-", problem}
                                : new String[] {id, "-", "damaged", "-", "-", "-", problem}));
        table.print(ctx.out(), ctx.style());
        if (runs.size() > shown.size()) {
            ctx.out()
                    .println(ctx.style()
                            .dim("… " + (runs.size() - shown.size()) + " older runs (--limit N shows more)"));
        }
        return 0;
    }
}
