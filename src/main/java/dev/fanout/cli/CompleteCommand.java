package dev.fanout.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code fanout __complete -- WORD…}: the completions of the last word of a command line, one a
 * line, for the bash completion {@code fanout completion} prints. It asks the shell's completer,
 * so one-shot completion offers what Tab offers at the prompt, read when Tab is pressed: the
 * runs, sessions, strategies and task ids that exist now, not when completion was installed.
 */
@Command(name = "__complete", hidden = true, description = "Print completion candidates (for bash completion).")
public final class CompleteCommand implements Callable<Integer> {
    private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("--home", "--session", "-f", "--file");

    private final CliContext ctx;

    @Parameters(arity = "0..*", paramLabel = "WORD", description = "the words after 'fanout'; the last is completed")
    List<String> words = new ArrayList<>();

    public CompleteCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        List<String> line = new ArrayList<>(words);
        if (line.isEmpty()) {
            line.add("");
        }
        // the root's --home and --session before the command decide where names are looked up
        int first = 0;
        while (first < line.size() - 1 && line.get(first).startsWith("-")) {
            String option = line.get(first);
            if (ROOT_OPTIONS_WITH_VALUE.contains(option)) {
                if (first + 1 == line.size() - 1) {
                    break; // its value is the word being completed
                }
                if (option.equals("--home")) {
                    ctx.homeOverride(Path.of(line.get(first + 1)));
                } else if (option.equals("--session")) {
                    ctx.restoreOnFirstUse(line.get(first + 1));
                }
                first += 2;
            } else {
                first++;
            }
        }
        List<String> rest = line.subList(first, line.size());
        String current = rest.get(rest.size() - 1);
        List<Candidate> candidates = new ArrayList<>();
        try (Terminal terminal = TerminalBuilder.builder()
                .dumb(true)
                .streams(InputStream.nullInputStream(), OutputStream.nullOutputStream())
                .build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            new ShellCompleter(() -> CommandLineFactory.create(ctx)).complete(reader, parsed(rest), candidates);
        }
        Set<String> shown = new LinkedHashSet<>();
        for (Candidate c : candidates) {
            String value = c.value();
            boolean shellOnly = rest.size() == 1 && ShellCompleter.SHELL_WORDS.contains(value);
            if (value.startsWith(current) && !value.startsWith("__") && !shellOnly) {
                shown.add(value);
            }
        }
        shown.forEach(ctx.out()::println);
        ctx.out().flush();
        return 0;
    }

    /** The words as the line reader would have parsed them, the cursor at the end of the last. */
    private static ParsedLine parsed(List<String> words) {
        String text = String.join(" ", words);
        String word = words.get(words.size() - 1);
        return new ParsedLine() {
            @Override
            public String word() {
                return word;
            }

            @Override
            public int wordCursor() {
                return word.length();
            }

            @Override
            public int wordIndex() {
                return words.size() - 1;
            }

            @Override
            public List<String> words() {
                return words;
            }

            @Override
            public String line() {
                return text;
            }

            @Override
            public int cursor() {
                return text.length();
            }
        };
    }
}
