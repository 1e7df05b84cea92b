package dev.fanout.cli;

import dev.fanout.task.TaskSet;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code load FILE [--append]}: the session's tasks from a file. */
@Command(name = "load", description = "Load a tasks file into the session (replacing its tasks, or --append).")
public final class LoadCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(paramLabel = "FILE", description = "tasks file (.json, .yaml)")
    Path file;

    @Option(names = "--append", description = "add to the loaded tasks instead of replacing them")
    boolean append;

    public LoadCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        TaskSet tasks = ctx.session().load(file, append);
        ctx.out().println("loaded " + file + ": the session has " + Plural.of(tasks.size(), "task"));
        return 0;
    }
}
