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
        CommandLine cl = new CommandLine(new FanoutCommand(ctx));
        cl.addSubcommand("analyze", new AnalyzeCommand(ctx));
        cl.addSubcommand("detect", new DetectCommand(ctx));
        cl.addSubcommand("graph", new GraphCommand(ctx));
        cl.addSubcommand("config", new CommandLine(new ConfigCommand(ctx))
                .addSubcommand("show", new ConfigCommand.Show(ctx)));
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
        if (t instanceof FanoutException fe) {
            ctx.err().println(ctx.style().red("error: ") + fe.getMessage());
            if (ctx.verbose()) {
                fe.printStackTrace(ctx.err());
            }
            ctx.err().flush();
            return fe.exitCode();
        }
        ctx.err().println(ctx.style().red("error: ") + "internal error: " + t
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
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String word = u.getUnmatched().get(0);
            List<String> candidates = new ArrayList<>(cl.getSubcommands().keySet());
            if (!word.startsWith("-") && !candidates.isEmpty() && cl.getParent() == null) {
                message = "unknown command '" + word + "'" + Names.closest(word, candidates)
                        .map(c -> "; did you mean '" + c + "'?").orElse("; 'help' lists the commands");
            } else if (word.startsWith("-")) {
                List<String> options = new ArrayList<>();
                cl.getCommandSpec().options().forEach(o -> options.addAll(List.of(o.names())));
                message = "unknown option '" + word + "'" + Names.closest(word.split("=", 2)[0], options)
                        .map(c -> "; did you mean '" + c + "'?").orElse("");
            }
        }
        ctx.err().println(ctx.style().red("error: ") + message + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
        ctx.err().flush();
        return FanoutException.BAD_INPUT;
    }
}
