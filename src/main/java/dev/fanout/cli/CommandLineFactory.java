package dev.fanout.cli;

import dev.fanout.FanoutException;
import dev.fanout.LocatedException;
import dev.fanout.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds the one command tree used for one-shot commands, the shell, batch files and tests, with
 * the one error path: a {@link FanoutException} prints {@code error: …} and ends with its exit
 * code; anything else is a bug (exit 70). Traces only with {@code --verbose}.
 */
public final class CommandLineFactory {
    private CommandLineFactory() {}

    /** The whole command tree (the shell, help, completion). */
    public static CommandLine create(CliContext ctx) {
        return build(ctx, null);
    }

    /**
     * The tree a one-shot command line needs: only the root and the command it names, when it
     * names one; the whole tree otherwise (help, an unknown command's suggestion, the shell).
     */
    public static CommandLine forArgs(CliContext ctx, String[] args) {
        return build(ctx, commandsNeeded(args));
    }

    private static CommandLine build(CliContext ctx, Set<String> only) {
        CliFactory factory = new CliFactory(ctx);
        CommandLine cl = new CommandLine(new FanoutCommand(ctx), factory);
        CommandTable.addTo(cl, ctx, factory, only);
        // set after the subcommands are added, so that they do not inherit it
        cl.getCommandSpec().usageMessage().footer("", "Run 'fanout COMMAND --help' for a command's options.");
        if (ctx.inShell()) {
            ShellHelp.configure(cl, ctx.width());
        } else {
            cl.setUsageHelpAutoWidth(true); // measured only when help is printed
        }
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(ctx, e));
        cl.setParameterExceptionHandler((e, args) -> handleParameters(ctx, e));
        return cl;
    }

    /**
     * The commands a command line needs built: the one it names; none when it names none (the
     * root's own work: --version, the shell, a batch); null, meaning all, when the root's help
     * lists them or an unknown word wants the closest name.
     */
    static Set<String> commandsNeeded(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (ROOT_OPTIONS_WITH_VALUE.contains(a)) {
                i++;
            } else if (a.equals("-h") || a.equals("--help")) {
                return null;
            } else if (!a.startsWith("-")) {
                // 'help' lists every command; an unknown word wants the closest name
                return CommandTable.names().contains(a) && !a.equals("help") ? Set.of(a) : null;
            }
        }
        return Set.of();
    }

    private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("--home", "--session", "-f", "--file");

    /** Prints a failure as one line and returns the exit code for it. */
    static int handle(CliContext ctx, Exception e) {
        Throwable t = e;
        while (t.getCause() != null
                && !(t instanceof FanoutException)
                && (t instanceof java.util.concurrent.CompletionException
                        || t instanceof java.util.concurrent.ExecutionException
                        || t instanceof java.lang.reflect.InvocationTargetException)) {
            t = t.getCause();
        }
        ctx.errorReported(true);
        if (t instanceof LocatedException js
                && js.kind() == LocatedException.Kind.SCRIPT
                && ctx.scriptSource() != null
                && js.file().equals(ctx.scriptSource().file())
                && js.line() > 0) {
            // JavaScript in a batch file names its own line of that file: that is the place to show
            ctx.err().println(js.where() + ": " + ctx.style().red("error: ") + js.problem());
            ctx.err().flush();
            return js.exitCode();
        }
        if (t instanceof FanoutException fe) {
            ctx.err().println(ctx.location() + ctx.style().red("error: ") + ctx.say(fe));
            if (ctx.verbose()) {
                trace(fe, ctx.err());
            }
            ctx.err().flush();
            return fe.exitCode();
        }
        ctx.err()
                .println(ctx.location() + ctx.style().red("error: ") + "internal error: " + t
                        + (ctx.verbose() ? "" : " (rerun with --verbose for the trace, and please report it)"));
        if (ctx.verbose()) {
            trace(t, ctx.err());
        }
        ctx.err().flush();
        return FanoutException.SOFTWARE;
    }

    /** The trace of an error and its causes, for --verbose. */
    private static void trace(Throwable t, java.io.PrintWriter err) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            err.println((c == t ? "" : "Caused by: ") + c);
            for (StackTraceElement e : c.getStackTrace()) {
                err.println("\tat " + e);
            }
        }
    }

    /** A word given where a command belongs that names a tasks file: the user meant to run it. */
    private static boolean looksLikeTasksFile(String word) {
        String w = word.toLowerCase(java.util.Locale.ROOT);
        return w.endsWith(".json") || w.endsWith(".yaml") || w.endsWith(".yml");
    }

    private static int handleParameters(CliContext ctx, ParameterException e) {
        CommandLine cl = e.getCommandLine();
        String message = e.getMessage();
        boolean hinted = false;
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String word = u.getUnmatched().get(0);
            List<String> candidates = new ArrayList<>(cl.getSubcommands().keySet());
            if (!word.startsWith("-") && !candidates.isEmpty() && cl.getParent() == null && looksLikeTasksFile(word)) {
                message = "unknown command '" + ShellLine.printable(word, 60) + "'; to run a tasks file: "
                        + ctx.invocation() + "run " + ShellLine.printable(word, 60);
                hinted = true;
            } else if (!word.startsWith("-") && !candidates.isEmpty() && cl.getParent() == null) {
                message = "unknown command '" + ShellLine.printable(word, 60) + "'"
                        + Names.closest(word, candidates)
                                .map(c -> "; did you mean '" + c + "'?")
                                .orElse(
                                        ctx.inShell()
                                                ? "; 'help' lists the commands"
                                                : "; 'fanout --help' lists the commands");
                hinted = true;
            } else if (word.startsWith("-")) {
                List<String> options = new ArrayList<>();
                cl.getCommandSpec().options().forEach(o -> options.addAll(List.of(o.names())));
                message = "unknown option '" + word + "'"
                        + Names.closest(word.split("=", 2)[0], options)
                                .map(c -> "; did you mean '" + c + "'?")
                                .orElse("");
            }
        }
        // picocli says "option option '--set'" for a map option's malformed value
        message = message.replace("option option '", "option '");
        ctx.errorReported(true);
        String command = cl.getCommandSpec().qualifiedName(" ").replaceFirst("^fanout ?", "");
        String help = ctx.inShell()
                ? (command.isEmpty() ? "'help' lists the commands" : "see 'help " + command + "'")
                : "see 'fanout " + (command.isEmpty() ? "" : command + " ") + "--help'";
        ctx.err()
                .println(ctx.location()
                        + ctx.style().red("error: ")
                        + ShellLine.printable(message, 300)
                        + (hinted ? "" : " (" + help + ")"));
        ctx.err().flush();
        return FanoutException.BAD_INPUT;
    }
}
