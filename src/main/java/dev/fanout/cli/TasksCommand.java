package dev.fanout.cli;

import dev.fanout.Json;
import dev.fanout.task.Task;
import dev.fanout.task.TaskJson;
import dev.fanout.task.TaskSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tasks}: the session's tasks. */
@Command(name = "tasks", description = "List the session's tasks.")
public final class TasksCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--json", description = "print the tasks as a tasks file")
    boolean json;

    public TasksCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        TaskSet tasks = ctx.session().tasks();
        if (json) {
            ctx.out()
                    .println(Json.pretty(
                            TaskJson.toJson(ctx.session().secrets(tasks).mask(tasks))));
            return 0;
        }
        if (tasks.isEmpty()) {
            ctx.out().println("no tasks; 'load FILE' or 'task add --id ID --command CMD' adds some");
            return 0;
        }
        TextTable table = new TextTable("id", "type", "depends on", "runs");
        for (Task t : tasks.tasks()) {
            String deps = String.join(",", t.dependsOn());
            table.row(
                    t.id(),
                    t.type() == null ? "" : t.type(),
                    deps.length() > 22 ? deps.substring(0, 21) + "…" : deps,
                    abbreviate(runs(t), 60));
        }
        table.print(ctx.out(), ctx.style());
        return 0;
    }

    private static String runs(Task t) {
        return switch (t.kind()) {
            case COMMAND -> t.command().display();
            case AGENT -> "agent " + t.agent() + ": " + t.prompt().replace('\n', ' ');
            case SCRIPT -> "script " + t.script().replace('\n', ' ');
            case NONE -> "-";
        };
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
