package dev.fanout.exec;

import dev.fanout.task.Task;
import dev.fanout.task.TaskCommand;
import java.util.List;

/** Runs a task's {@code command}: a string under {@code sh -c}, an argv list as it is. */
public final class CommandRunner implements TaskRunner {

    @Override
    public RunningAttempt start(Task task, AttemptContext context) throws LaunchException {
        TaskCommand command = task.command();
        List<String> argv = command.isShell() ? List.of("sh", "-c", command.shellLine()) : command.argv();
        return ProcessLauncher.start(argv, task.cwd(), task.env(), context);
    }
}
