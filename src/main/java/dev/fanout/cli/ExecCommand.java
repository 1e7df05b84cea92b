package dev.fanout.cli;

import dev.fanout.FanoutException;
import dev.fanout.session.RunPlan;
import dev.fanout.session.RunRequest;
import dev.fanout.task.Task;
import dev.fanout.task.TaskCommand;
import dev.fanout.task.TaskSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fanout exec --task-id ID -- CMD ARGS…}: one task, recorded as a run (the original executor's job). */
@Command(
        name = "exec",
        description = {"Run one task and record it as a run.", "  fanout exec --task-id build -- make -j4"})
public final class ExecCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--task-id", required = true, paramLabel = "ID", description = "the task's id")
    String taskId;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "stop the task after this long")
    Double timeout;

    @Option(names = "--retries", paramLabel = "N", description = "retries when it fails (default: max_retries)")
    Integer retries;

    @Option(
            names = {"--agent", "--subagent"},
            paramLabel = "NAME",
            description = "run a prompt through this agent")
    String agent;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "the prompt for --agent")
    String prompt;

    @Parameters(paramLabel = "CMD", arity = "0..*", description = "the command and its arguments, after --")
    List<String> command;

    @Option(
            names = {"-q", "--quiet"},
            description = "print only the summary")
    boolean quiet;

    public ExecCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (!dev.fanout.Names.isTaskId(taskId)) {
            throw FanoutException.badInput("task id '" + taskId + "' may hold only letters, digits, '.', '_' and '-'");
        }
        boolean hasCommand = command != null && !command.isEmpty();
        if (hasCommand == (agent != null)) {
            throw FanoutException.badInput("exec runs a command or a prompt: fanout exec --task-id " + taskId
                    + " -- CMD ARGS…, or fanout exec --task-id " + taskId + " --agent NAME --prompt TEXT");
        }
        if (agent != null && prompt == null) {
            throw FanoutException.badInput("--agent " + agent + " needs --prompt TEXT");
        }
        Task task = new Task(
                taskId,
                null,
                null,
                List.of(),
                null,
                hasCommand ? TaskCommand.argv(command) : null,
                agent,
                prompt,
                null,
                null,
                null,
                timeout,
                retries,
                null,
                null,
                null);
        TaskSet set = TaskSet.of("exec", List.of(task));
        RunPlan plan = ctx.session().plan(set, new RunRequest(1, false, null, null, null, Map.of()));
        var after = RunCommand.execute(ctx, plan, quiet, true);
        RunSummaryView.print(after, ctx.style(), ctx.out());
        return RunCommand.exitCode(after.record());
    }
}
