package dev.fanout.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.Json;
import dev.fanout.exec.Attempt;
import dev.fanout.exec.RunJson;
import dev.fanout.exec.RunRecord;
import dev.fanout.exec.RunStore;
import dev.fanout.exec.TaskResult;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fanout results [RUN_ID] [--task ID]}: how each task of a run ended, and what it returned. */
@Command(name = "results", description = "Show the results of a run (default: the latest).")
public final class ResultsCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(
            arity = "0..1",
            paramLabel = "RUN_ID",
            completionCandidates = Candidates.RunIds.class,
            description = "a run id from 'fanout runs' (default: the latest)")
    String runId;

    @Option(names = "--task", paramLabel = "ID", description = "one task's attempts, result and logs")
    String task;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    public ResultsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        RunStore store = ctx.session().runStore();
        RunRecord r = store.load(runId == null || runId.equals("latest") ? store.latest() : runId);
        if (task != null) {
            return showTask(r, r.tasks().get(task).id());
        }
        if (json) {
            ObjectNode o = RunJson.toJson(r);
            ObjectNode values = o.putObject("values");
            r.results().forEach((id, t) -> {
                if (t.result() != null) {
                    values.set(id, t.result());
                }
            });
            ctx.out().println(Json.pretty(o));
            return 0;
        }
        RunSummaryView.print(r, ctx.style(), ctx.out());
        ctx.out()
                .println(ctx.style()
                        .bold(String.format("%-24s %-10s %-8s %-4s %s", "task", "status", "time", "try", "result")));
        Style style = ctx.style();
        for (TaskResult t : r.results().values()) {
            String result = t.result() == null
                    ? (t.reason() == null ? "" : style.dim(style.taskText(t.reason())))
                    : style.taskText(abbreviate(t.result().toString(), 70));
            ctx.out()
                    .printf(
                            "%-24s %-10s %-8s %-4d %s%n",
                            t.taskId(),
                            t.status().key(),
                            TimeFormat.seconds(t.seconds()),
                            t.attempts().size(),
                            result);
        }
        return 0;
    }

    private int showTask(RunRecord r, String id) {
        TaskResult t = r.results().get(id);
        if (json) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("run_id", r.runId());
            o.put("task_id", id);
            o.put("status", t.status().key());
            o.put("reason", t.reason());
            o.set("result", t.result());
            o.put("stdout", r.taskDir(id).resolve("stdout.log").toString());
            o.put("stderr", r.taskDir(id).resolve("stderr.log").toString());
            ctx.out().println(Json.pretty(o));
            return 0;
        }
        ctx.out()
                .println(ctx.style().bold(id) + " in run " + r.runId() + ": "
                        + t.status().key()
                        + (t.reason() == null ? "" : " (" + ctx.style().taskText(t.reason()) + ")"));
        for (Attempt a : t.attempts()) {
            String how = a.error() != null
                    ? a.error()
                    : a.exitCode() == null || a.exitCode() == 0 ? "" : "exit code " + a.exitCode();
            ctx.out()
                    .printf(
                            "  attempt %d: %s in %s%s%n",
                            a.number(),
                            a.status().key(),
                            TimeFormat.seconds(a.seconds()),
                            how.isEmpty() ? "" : ": " + ctx.style().taskText(how));
        }
        if (t.result() != null) {
            ctx.out().println("result:");
            ctx.out().println(ctx.style().taskText(Json.pretty(t.result())));
        }
        for (String log : new String[] {"stdout.log", "stderr.log"}) {
            var path = r.taskDir(id).resolve(log);
            if (Files.exists(path)) {
                ctx.out().println(ctx.style().dim(log.replace(".log", "") + ": " + path));
            }
        }
        return 0;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
