package dev.fanout.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import picocli.CommandLine;

/**
 * Every command by name, in the order help lists them, each built only when asked for: a
 * one-shot command builds just its own branch of the tree, which keeps start-up light.
 */
final class CommandTable {
    /** Builds a command (with its subcommands) for a context. */
    private interface Builder extends BiFunction<CliContext, CliFactory, Object> {}

    private static final Map<String, Builder> COMMANDS = new LinkedHashMap<>();

    static {
        add("help", (ctx, f) -> new CommandLine.HelpCommand());
        add("analyze", (ctx, f) -> new AnalyzeCommand(ctx));
        add("detect", (ctx, f) -> new DetectCommand(ctx));
        add("graph", (ctx, f) -> new GraphCommand(ctx));
        add("run", (ctx, f) -> new RunCommand(ctx));
        add("exec", (ctx, f) -> new ExecCommand(ctx));
        add("worker", (ctx, f) -> new WorkerCommand(ctx));
        add("workers", (ctx, f) -> new WorkersCommand(ctx));
        add("runs", (ctx, f) -> new RunsCommand(ctx));
        add("results", (ctx, f) -> new ResultsCommand(ctx));
        add("stats", (ctx, f) -> new StatsCommand(ctx));
        add("doctor", (ctx, f) -> new DoctorCommand(ctx));
        add("report", (ctx, f) -> new ReportCommand(ctx));
        add("merge", (ctx, f) -> new MergeCommand(ctx));
        add("strategies", (ctx, f) -> new StrategiesCommand(ctx));
        add("js", (ctx, f) -> new JsCommand(ctx));
        add(
                "pipeline",
                (ctx, f) -> new CommandLine(new PipelineCommand(ctx), f)
                        .addSubcommand("list", new PipelineCommand.ListPipelines(ctx))
                        .addSubcommand("run", new PipelineCommand.RunPipeline(ctx)));
        add("load", (ctx, f) -> new LoadCommand(ctx));
        add("tasks", (ctx, f) -> new TasksCommand(ctx));
        add(
                "task",
                (ctx, f) -> new CommandLine(new TaskEditCommand(ctx), f)
                        .addSubcommand("add", new TaskEditCommand.Add(ctx))
                        .addSubcommand("remove", new TaskEditCommand.Remove(ctx)));
        add("set", (ctx, f) -> new SetCommand(ctx));
        add("unset", (ctx, f) -> new UnsetCommand(ctx));
        add("var", (ctx, f) -> new VarCommand(ctx));
        add("status", (ctx, f) -> new StatusCommand(ctx));
        add("save", (ctx, f) -> new SaveCommand(ctx));
        add("restore", (ctx, f) -> new RestoreCommand(ctx));
        add("sessions", (ctx, f) -> new SessionsCommand(ctx));
        add(
                "skill",
                (ctx, f) -> new CommandLine(new SkillCommand(ctx), f)
                        .addSubcommand("create", new SkillCommand.Create(ctx))
                        .addSubcommand("list", ResourceView.SKILLS.listCommand(ctx, f))
                        .addSubcommand("show", ResourceView.SKILLS.showCommand(ctx, f)));
        add(
                "agent",
                (ctx, f) -> new CommandLine(new AgentCommand(ctx), f)
                        .addSubcommand("create", new AgentCommand.Create(ctx))
                        .addSubcommand("list", ResourceView.AGENTS.listCommand(ctx, f))
                        .addSubcommand("show", ResourceView.AGENTS.showCommand(ctx, f)));
        add(
                "resources",
                (ctx, f) -> new CommandLine(new ResourcesCommand(ctx), f)
                        .addSubcommand("list", new ResourcesCommand.ListResources(ctx))
                        .addSubcommand("mark-used", new ResourcesCommand.MarkUsed(ctx))
                        .addSubcommand("mark-useful", new ResourcesCommand.MarkUseful(ctx))
                        .addSubcommand("cleanup", new ResourcesCommand.Cleanup(ctx))
                        .addSubcommand("promote", new ResourcesCommand.Promote(ctx)));
        add(
                "config",
                (ctx, f) ->
                        new CommandLine(new ConfigCommand(ctx), f).addSubcommand("show", new ConfigCommand.Show(ctx)));
        add(
                "cache",
                (ctx, f) -> new CommandLine(new CacheCommand(ctx), f)
                        .addSubcommand("list", new CacheCommand.ListEntries(ctx))
                        .addSubcommand("show", new CacheCommand.Show(ctx))
                        .addSubcommand("clean", new CacheCommand.Clean(ctx))
                        .addSubcommand("why", new CacheCommand.Why(ctx)));
        add("completion", (ctx, f) -> new CompletionCommand(ctx));
        add("__complete", (ctx, f) -> new CompleteCommand(ctx));
    }

    private CommandTable() {}

    private static void add(String name, Builder builder) {
        COMMANDS.put(name, builder);
    }

    static Set<String> names() {
        return COMMANDS.keySet();
    }

    /** Adds the named commands (all of them when {@code only} is null) to the root. */
    static void addTo(CommandLine root, CliContext ctx, CliFactory factory, Set<String> only) {
        COMMANDS.forEach((name, builder) -> {
            if (only == null || only.contains(name)) {
                root.addSubcommand(name, builder.apply(ctx, factory));
            }
        });
    }
}
