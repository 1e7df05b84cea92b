package dev.fanout.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Completes a shell line from the command tree: command and subcommand names, options, and
 * the values of options and parameters — live names from the session where picocli's
 * completion candidates give them (task ids, runs, sessions, strategies…), file paths where
 * the parameter is a path.
 */
final class ShellCompleter implements Completer {
    static final List<String> SHELL_WORDS = List.of("exit", "quit");

    private final Supplier<CommandLine> commands;
    private final Completers.FileNameCompleter files = new Completers.FileNameCompleter();

    ShellCompleter(Supplier<CommandLine> commands) {
        this.commands = commands;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = new ArrayList<>(line.words().subList(0, line.wordIndex()));
        words.removeIf(String::isEmpty);
        CommandLine cl = commands.get();
        int i = 0;
        while (i < words.size() && cl.getSubcommands().containsKey(words.get(i))) {
            cl = cl.getSubcommands().get(words.get(i));
            i++;
        }
        CommandSpec spec = cl.getCommandSpec();
        List<String> args = words.subList(i, words.size());
        String current = line.word();
        if (args.isEmpty() && !current.startsWith("-") && !spec.subcommands().isEmpty()) {
            spec.subcommands().forEach((name, sub) -> {
                if (!sub.getCommandSpec().usageMessage().hidden()) { // __complete is for bash, not people
                    candidates.add(new Candidate(name));
                }
            });
            if (spec.parent() == null) {
                SHELL_WORDS.forEach(w -> candidates.add(new Candidate(w)));
            }
            return;
        }
        OptionSpec pending = pendingOption(spec, args);
        if (pending != null) {
            values(pending, reader, line, candidates);
            return;
        }
        if (current.startsWith("-")) {
            for (OptionSpec o : spec.options()) {
                for (String name : o.names()) {
                    candidates.add(new Candidate(
                            name,
                            name,
                            null,
                            o.description().length > 0 ? o.description()[0] : null,
                            null,
                            null,
                            o.arity().max() == 0));
                }
            }
            return;
        }
        PositionalParamSpec positional = positional(spec, args);
        if (positional != null) {
            values(positional, reader, line, candidates);
        }
    }

    /** The option whose value is being typed, when the previous word is one that takes a value. */
    private static OptionSpec pendingOption(CommandSpec spec, List<String> args) {
        if (args.isEmpty()) {
            return null;
        }
        OptionSpec o = spec.findOption(args.get(args.size() - 1));
        return o != null && o.arity().max() > 0 ? o : null;
    }

    /** The positional parameter the word being typed fills. */
    private static PositionalParamSpec positional(CommandSpec spec, List<String> args) {
        int index = 0;
        for (int k = 0; k < args.size(); k++) {
            String a = args.get(k);
            if (a.startsWith("-")) {
                OptionSpec o = spec.findOption(a.split("=", 2)[0]);
                if (o != null && o.arity().max() > 0 && !a.contains("=")) {
                    k++; // its value
                }
                continue;
            }
            index++;
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.index().contains(index)) {
                return p;
            }
        }
        return null;
    }

    private void values(ArgSpec arg, LineReader reader, ParsedLine line, List<Candidate> candidates) {
        Iterable<String> known = arg.completionCandidates();
        if (known != null) {
            for (String value : known) {
                candidates.add(new Candidate(value));
            }
            return;
        }
        Class<?> type = arg.type();
        if (Path.class.isAssignableFrom(type)
                || File.class.isAssignableFrom(type)
                || (arg.paramLabel() != null && arg.paramLabel().contains("FILE"))) {
            files.complete(reader, line, candidates);
        }
    }
}
