package dev.fanout.exec;

import dev.fanout.config.Config;
import dev.fanout.task.Task;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Starts attempts on the threads it is given (the {@link Timeline}'s): prepares each attempt's
 * folder, asks the {@link Resolver} whether it needs to run, and starts it with its kind's runner.
 */
final class Launcher {

    /**
     * An attempt that was started; or could not be ({@code attempt} null and {@code error} says
     * why); or was not needed ({@code resolution} says why).
     */
    record Launch(AttemptContext context, RunningAttempt attempt, String error, Resolver.Resolution resolution) {
        Launch(AttemptContext context, RunningAttempt attempt, String error) {
            this(context, attempt, error, null);
        }
    }

    private final Map<Task.Kind, TaskRunner> runners;
    private final RunDirectory dir;
    private final Config config;
    private final Resolver resolver;
    private final Executor threads;

    Launcher(Map<Task.Kind, TaskRunner> runners, Resolver resolver, RunDirectory dir, Config config, Executor threads) {
        this.runners = runners;
        this.resolver = resolver;
        this.dir = dir;
        this.config = config;
        this.threads = threads;
    }

    /**
     * Prepares the attempt's folder and starts it, on a launcher thread; returns at once.
     *
     * @param lines where output lines go (stream mode), or null
     * @param done told how it went, on the launcher thread
     */
    void launch(Task task, int number, Consumer<AttemptContext.OutputLine> lines, Consumer<Launch> done) {
        threads.execute(() -> done.accept(start(task, number, lines)));
    }

    private Launch start(Task task, int number, Consumer<AttemptContext.OutputLine> lines) {
        AttemptContext ctx = null;
        try {
            ctx = dir.prepare(task, number, config, lines);
            Resolver.Resolution settled = resolve(task, ctx);
            if (settled != null) {
                return new Launch(ctx, null, null, settled);
            }
            TaskRunner runner = runners.get(task.kind());
            if (runner == null) {
                throw new TaskRunner.LaunchException(
                        "no runner for " + task.kind().name().toLowerCase() + " tasks");
            }
            return new Launch(ctx, runner.start(task, ctx), null);
        } catch (TaskRunner.LaunchException e) {
            return new Launch(ctx, null, e.getMessage());
        } catch (IOException e) {
            return new Launch(ctx, null, "cannot prepare the task's folder: " + e.getMessage());
        } catch (RuntimeException e) {
            return new Launch(ctx, null, "the runner failed: " + e);
        }
    }

    private Resolver.Resolution resolve(Task task, AttemptContext ctx) {
        try {
            return resolver.resolve(task, ctx);
        } catch (IOException | RuntimeException e) {
            return null; // a lookup that fails costs a run, not the task
        }
    }
}
