package dev.fanout.exec;

import dev.fanout.task.Task;
import dev.fanout.task.TaskCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a task's {@code command}: a string under {@code sh -c} (or as its words when it is plain
 * enough that a shell would do nothing more, see {@link PlainCommandLine}), an argv list as it is.
 */
public final class CommandRunner implements TaskRunner {
    /** The shell's exit code for a command it cannot find. */
    private static final int NOT_FOUND = 127;

    private final Containment containment;

    /** A runner whose tasks are contained as this machine allows ({@link Containment#system()}). */
    public CommandRunner() {
        this(Containment.system());
    }

    public CommandRunner(Containment containment) {
        this.containment = containment;
    }

    @Override
    public Containment containment() {
        return containment;
    }

    @Override
    public RunningAttempt start(Task task, AttemptContext context) throws LaunchException {
        TaskCommand command = task.command();
        if (!command.isShell()) {
            return ProcessLauncher.start(command.argv(), task.cwd(), task.env(), context, containment, task.limits());
        }
        Optional<List<String>> words = PlainCommandLine.words(command.shellLine(), task.env());
        if (words.isEmpty()) {
            return ProcessLauncher.start(
                    List.of("sh", "-c", command.shellLine()),
                    task.cwd(),
                    task.env(),
                    context,
                    containment,
                    task.limits());
        }
        try {
            return ProcessLauncher.start(words.get(), task.cwd(), task.env(), context, containment, task.limits());
        } catch (LaunchException e) {
            if (!e.getMessage().startsWith(ProcessLauncher.NOT_FOUND_PREFIX)) {
                throw e;
            }
            // the line was meant for a shell: end the way a shell would, with 127 and its message on stderr
            return notFound(e.getMessage(), context);
        }
    }

    private static RunningAttempt notFound(String message, AttemptContext context) {
        try {
            Files.writeString(context.stderr(), "fanout: " + message + "\n");
        } catch (IOException ignored) {
            // the message is in the attempt's error as well
        }
        CompletableFuture<RunningAttempt.AttemptEnd> ended =
                CompletableFuture.completedFuture(new RunningAttempt.AttemptEnd(NOT_FOUND, 0, message, false));
        return RunningAttempt.of(ended, () -> {}); // nothing started, nothing to stop
    }
}
