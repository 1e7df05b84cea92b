package dev.fanout.cli;

import dev.fanout.FanoutException;
import dev.fanout.Names;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds the one command tree used for one-shot commands, the shell, batch files and tests, with
 * the one error path: a {@link FanoutException} prints {@code error: …} and ends with its exit
 * code; anything else is a bug (exit 70). Traces only with {@code --verbose}.
 */
public final class CommandLineFactory {
    private CommandLineFactory() {
    }

    public static CommandLine create(CliContext ctx) {
        CommandLine cl = new CommandLine(new FanoutCommand(ctx), new CliFactory(ctx));
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        cl.addSubcommand("analyze", new AnalyzeCommand(ctx));
        cl.addSubcommand("detect", new DetectCommand(ctx));
        cl.addSubcommand("graph", new GraphCommand(ctx));
        cl.addSubcommand("merge", new MergeCommand(ctx));
        cl.addSubcommand("js", new JsCommand(ctx));
        cl.addSubcommand("pipeline", new CommandLine(new PipelineCommand(ctx), new CliFactory(ctx))
                .addSubcommand("list", new PipelineCommand.ListPipelines(ctx))
                .addSubcommand("run", new PipelineCommand.RunPipeline(ctx)));
        cl.addSubcommand("strategies", new StrategiesCommand(ctx));
        cl.addSubcommand("run", new RunCommand(ctx));
        cl.addSubcommand("exec", new ExecCommand(ctx));
        cl.addSubcommand("runs", new RunsCommand(ctx));
        cl.addSubcommand("results", new ResultsCommand(ctx));
        cl.addSubcommand("stats", new StatsCommand(ctx));
        cl.addSubcommand("load", new LoadCommand(ctx));
        cl.addSubcommand("tasks", new TasksCommand(ctx));
        cl.addSubcommand("task", new CommandLine(new TaskEditCommand(ctx), new CliFactory(ctx))
                .addSubcommand("add", new TaskEditCommand.Add(ctx))
                .addSubcommand("remove", new TaskEditCommand.Remove(ctx)));
        cl.addSubcommand("set", new SetCommand(ctx));
        cl.addSubcommand("unset", new UnsetCommand(ctx));
        cl.addSubcommand("var", new VarCommand(ctx));
        cl.addSubcommand("status", new StatusCommand(ctx));
        cl.addSubcommand("save", new SaveCommand(ctx));
        cl.addSubcommand("restore", new RestoreCommand(ctx));
        cl.addSubcommand("sessions", new SessionsCommand(ctx));
        cl.addSubcommand("completion", new CompletionCommand(ctx));
        cl.addSubcommand("config", new CommandLine(new ConfigCommand(ctx), new CliFactory(ctx))
                .addSubcommand("show", new ConfigCommand.Show(ctx)));
        cl.addSubcommand("skill", new CommandLine(new SkillCommand(ctx), new CliFactory(ctx))
                .addSubcommand("create", new SkillCommand.Create(ctx))
                .addSubcommand("list", new SkillCommand.ListSkills(ctx))
                .addSubcommand("show", new SkillCommand.Show(ctx)));
        cl.addSubcommand("agent", new CommandLine(new AgentCommand(ctx), new CliFactory(ctx))
                .addSubcommand("create", new AgentCommand.Create(ctx))
                .addSubcommand("list", new AgentCommand.ListAgents(ctx))
                .addSubcommand("show", new AgentCommand.Show(ctx)));
        cl.addSubcommand("resources", new CommandLine(new ResourcesCommand(ctx), new CliFactory(ctx))
                .addSubcommand("list", new ResourcesCommand.ListResources(ctx))
                .addSubcommand("mark-used", new ResourcesCommand.MarkUsed(ctx))
                .addSubcommand("mark-useful", new ResourcesCommand.MarkUseful(ctx))
                .addSubcommand("cleanup", new ResourcesCommand.Cleanup(ctx))
                .addSubcommand("promote", new ResourcesCommand.Promote(ctx)));
        // set after the subcommands are added, so that they do not inherit it
        cl.getCommandSpec().usageMessage().footer("", "Run 'fanout COMMAND --help' for a command's options.");
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(ctx, e));
        cl.setParameterExceptionHandler((e, args) -> handleParameters(ctx, e));
        return cl;
    }

    /** Prints a failure as one line and returns the exit code for it. */
    static int handle(CliContext ctx, Exception e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof FanoutException)
                && (t instanceof java.util.concurrent.CompletionException
                        || t instanceof java.util.concurrent.ExecutionException
                        || t instanceof java.lang.reflect.InvocationTargetException)) {
            t = t.getCause();
        }
        ctx.errorReported(true);
        if (t instanceof FanoutException fe) {
            ctx.err().println(ctx.location() + ctx.style().red("error: ") + fe.getMessage());
            if (ctx.verbose()) {
                fe.printStackTrace(ctx.err());
            }
            ctx.err().flush();
            return fe.exitCode();
        }
        ctx.err().println(ctx.location() + ctx.style().red("error: ") + "internal error: " + t
                + (ctx.verbose() ? "" : " (rerun with --verbose for the trace, and please report it)"));
        if (ctx.verbose()) {
            t.printStackTrace(ctx.err());
        }
        ctx.err().flush();
        return FanoutException.SOFTWARE;
    }

    private static int handleParameters(CliContext ctx, ParameterException e) {
        CommandLine cl = e.getCommandLine();
        String message = e.getMessage();
        boolean hinted = false;
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String word = u.getUnmatched().get(0);
            List<String> candidates = new ArrayList<>(cl.getSubcommands().keySet());
            if (!word.startsWith("-") && !candidates.isEmpty() && cl.getParent() == null) {
                message = "unknown command '" + ShellLine.printable(word, 60) + "'" + Names.closest(word, candidates)
                        .map(c -> "; did you mean '" + c + "'?")
                        .orElse(ctx.inShell() ? "; 'help' lists the commands" : "; 'fanout --help' lists the commands");
                hinted = true;
            } else if (word.startsWith("-")) {
                List<String> options = new ArrayList<>();
                cl.getCommandSpec().options().forEach(o -> options.addAll(List.of(o.names())));
                message = "unknown option '" + word + "'" + Names.closest(word.split("=", 2)[0], options)
                        .map(c -> "; did you mean '" + c + "'?").orElse("");
            }
        }
        ctx.errorReported(true);
        String command = cl.getCommandSpec().qualifiedName(" ").replaceFirst("^fanout ?", "");
        String help = ctx.inShell() ? (command.isEmpty() ? "'help' lists the commands" : "see 'help " + command + "'")
                : "see 'fanout " + (command.isEmpty() ? "" : command + " ") + "--help'";
        ctx.err().println(ctx.location() + ctx.style().red("error: ") + ShellLine.printable(message, 300)
                + (hinted ? "" : " (" + help + ")"));
        ctx.err().flush();
        return FanoutException.BAD_INPUT;
    }
}
