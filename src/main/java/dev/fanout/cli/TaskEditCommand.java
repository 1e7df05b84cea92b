package dev.fanout.cli;

import dev.fanout.task.Task;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code task add|remove}: shape the session's tasks by hand. */
@Command(name = "task", description = "Add or remove a task of the session.")
public final class TaskEditCommand extends GroupCommand {
    public TaskEditCommand(CliContext ctx) {
        super(ctx);
    }

    /** {@code task add --id ID --command CMD [--depends-on ID…]}. */
    @Command(name = "add", description = "Add a task that runs a shell command line.")
    public static final class Add implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--id", required = true, paramLabel = "ID", description = "a new, unique id")
        String id;

        @Option(
                names = "--command",
                required = true,
                paramLabel = "CMD",
                description = "the command line (run by sh -c)")
        String command;

        @Option(
                names = "--depends-on",
                paramLabel = "ID",
                split = ",",
                arity = "1..*",
                completionCandidates = Candidates.TaskIds.class,
                description = "tasks it needs first")
        List<String> dependsOn;

        @Option(names = "--type", paramLabel = "TYPE", description = "the task's type (e.g. testing, build)")
        String type;

        @Option(names = "--estimate", paramLabel = "SECONDS", description = "estimated seconds")
        Double estimate;

        public Add(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Task task = new Task(
                    id,
                    type,
                    null,
                    dependsOn,
                    estimate,
                    dev.fanout.task.TaskCommand.shell(command),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
            int size = ctx.session().addTask(task).size();
            ctx.out().println("added " + id + "; the session has " + Plural.of(size, "task"));
            return 0;
        }
    }

    /** {@code task remove ID}. */
    @Command(name = "remove", description = "Remove a task (refused while others depend on it).")
    public static final class Remove implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(
                paramLabel = "ID",
                completionCandidates = Candidates.TaskIds.class,
                description = "the task to remove")
        String id;

        public Remove(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            int size = ctx.session().removeTask(id).size();
            ctx.out().println("removed " + id + "; the session has " + Plural.of(size, "task"));
            return 0;
        }
    }
}
