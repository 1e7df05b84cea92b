package dev.fanout.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jline.console.impl.SystemRegistryImpl;
import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Reference;
import org.jline.terminal.Terminal;
import org.jline.utils.Status;
import org.jline.widget.AutosuggestionWidgets;
import org.jline.widget.TailTipWidgets;

/**
 * The shell's JLine line reader and what it does as you type: fanout's completer (commands,
 * options, live values) or, for JavaScript, {@link JsCompleter}; highlighting; multi-line
 * JavaScript ({@link ShellParser}); the command's synopsis and option descriptions below the
 * line (TailTipWidgets fed by picocli-shell-jline3's PicocliCommands through JLine's
 * SystemRegistryImpl); history suggestions (AutosuggestionWidgets); persistent history.
 */
final class ShellReader {
    static final String HINTS_TOGGLE = "fanout-hints-toggle";

    private final Terminal terminal;
    private final LineReader reader;
    /** Held so that the configuration below is not lost with a collected logger. */
    private final java.util.logging.Logger jlineLog = java.util.logging.Logger.getLogger("org.jline");

    private final java.util.logging.Handler oneLine;
    private final String historyProblem;
    private TailTipWidgets hints;
    private AutosuggestionWidgets suggestions;

    ShellReader(CliContext ctx, Terminal terminal, BooleanSupplier javaScriptMode) {
        this.terminal = terminal;
        // JLine reports trouble it survives (history that cannot be saved…) through
        // java.util.logging, which prints a stack trace: one line instead, the session goes on
        this.oneLine = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    Throwable t = record.getThrown();
                    ctx.err()
                            .println(ctx.style()
                                    .dim("note: " + record.getMessage()
                                            + (t != null && t.getMessage() != null ? ": " + t.getMessage() : "")));
                    ctx.err().flush();
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        jlineLog.setUseParentHandlers(false);
        jlineLog.addHandler(oneLine);
        ShellParser parser = new ShellParser(javaScriptMode);
        Completer commands = new ShellCompleter(() -> CommandLineFactory.create(ctx));
        Completer javaScript = new JsCompleter(ctx);
        Completer completer = (LineReader r, ParsedLine line, List<Candidate> candidates) -> {
            if (javaScriptMode.getAsBoolean() || inJavaScript(line)) {
                javaScript.complete(r, line, candidates);
            } else {
                commands.complete(r, line, candidates);
            }
        };
        boolean dumb =
                Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        Path history = ctx.session().home().historyFile();
        this.historyProblem = writable(history);
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("fanout")
                .parser(parser)
                .completer(completer)
                .highlighter(new ShellHighlighter(
                        CommandTable.names(), javaScriptMode, ctx.style().colour()))
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P ...> ")
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.AUTO_FRESH_LINE, true);
        if (historyProblem == null) {
            builder.variable(LineReader.HISTORY_FILE, history);
        }
        reader = builder.build();
        ShellSettings settings = new ShellSettings(!dumb, (key, on) -> apply(ctx.shellSettings()));
        ctx.shellSettings(settings);
        if (!dumb) {
            SystemRegistryImpl registry = new SystemRegistryImpl(parser, terminal, () -> Path.of(""), null);
            registry.setCommandRegistries(new CommandHints(CommandLineFactory.create(ctx)));
            hints = new TailTipWidgets(
                    reader,
                    line -> javaScriptMode.getAsBoolean() ? null : registry.commandDescription(line),
                    4,
                    TailTipWidgets.TipType.TAIL_TIP);
            suggestions = new AutosuggestionWidgets(reader);
            reader.getWidgets().put(HINTS_TOGGLE, () -> {
                settings.set("hints", settings.get("hints") ? "off" : "on");
                return true;
            });
            KeyMap<Binding> main = reader.getKeyMaps().get(LineReader.MAIN);
            main.bind(new Reference(HINTS_TOGGLE), KeyMap.alt('s'));
            apply(settings);
        }
    }

    /** A {@code js CODE} line with the cursor in its code. */
    private static boolean inJavaScript(ParsedLine line) {
        return line.wordIndex() > 0 && ShellLine.javaScriptCode(line.line().substring(0, line.cursor()) + "x") != null;
    }

    /** Hints and history suggestions share JLine's suggestion slot: one at a time, suggestions winning. */
    private void apply(ShellSettings settings) {
        if (hints == null) {
            return;
        }
        if (settings.get("autosuggest")) {
            hints.disable();
            suggestions.enable();
        } else {
            suggestions.disable();
            if (settings.get("hints")) {
                hints.enable();
            } else {
                hints.disable();
            }
        }
    }

    LineReader reader() {
        return reader;
    }

    /** Why history is not kept, when it is not. */
    Optional<String> historyProblem() {
        return Optional.ofNullable(historyProblem);
    }

    /** Clears the hints below the line, so a command's output has the whole screen. */
    void clearHints() {
        Status.getExistingStatus(terminal).ifPresent(Status::hide);
    }

    void close() {
        clearHints();
        jlineLog.removeHandler(oneLine);
        jlineLog.setUseParentHandlers(true);
    }

    /** Null when history can be kept at {@code file}; otherwise a line saying why not. */
    private static String writable(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    .close();
            return null;
        } catch (IOException | SecurityException e) {
            String reason = e instanceof java.nio.file.AccessDeniedException
                    ? "permission denied"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                            ? f.getReason()
                            : "not writable";
            return "history is not kept this time: cannot write " + file + " (" + reason + ")";
        }
    }
}
