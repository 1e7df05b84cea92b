package dev.fanout.cli;

import dev.fanout.FanoutException;
import java.util.List;

/**
 * Runs one line of the shell or of a batch file through a fresh command tree (so no option
 * value survives from the line before) and reports how it went.
 */
final class LineRunner {
    /** What became of a line. */
    enum Outcome {
        EMPTY,
        EXIT,
        /** {@code js} alone in the shell: switch to JavaScript mode. */
        JAVASCRIPT,
        DONE
    }

    /** A line's outcome and its exit code. */
    record Result(Outcome outcome, int exitCode) {}

    private final CliContext ctx;

    LineRunner(CliContext ctx) {
        this.ctx = ctx;
    }

    /** Text has no NUL, no undecodable bytes and few control characters. */
    private static boolean isText(String line) {
        long control = line.chars()
                .filter(c -> c == 0 || c == '\ufffd' || (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
                .count();
        return control == 0;
    }

    /** Runs a line; errors are printed (with the context's location) and given as a non-zero exit code. */
    Result run(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return new Result(Outcome.EMPTY, 0);
        }
        ctx.clearErrorReported();
        if (!isText(trimmed)) {
            return new Result(
                    Outcome.DONE,
                    CommandLineFactory.handle(
                            ctx,
                            FanoutException.badInput("not a line of text (" + ShellLine.printable(trimmed, 24)
                                    + "); is the input binary?")));
        }
        List<String> words;
        try {
            words = ShellLine.words(trimmed);
        } catch (FanoutException e) {
            return new Result(Outcome.DONE, CommandLineFactory.handle(ctx, e));
        }
        if (words.isEmpty()) {
            return new Result(Outcome.EMPTY, 0);
        }
        if (ShellCompleter.SHELL_WORDS.contains(words.get(0)) && words.size() == 1) {
            return new Result(Outcome.EXIT, 0);
        }
        if (ctx.inShell() && words.equals(List.of("js"))) {
            return new Result(Outcome.JAVASCRIPT, 0);
        }
        return execute(words.toArray(String[]::new));
    }

    /** Runs an entry of JavaScript mode: the code as typed, as {@code js CODE} would. */
    Result runJavaScript(String code) {
        if (code.isBlank()) {
            return new Result(Outcome.EMPTY, 0);
        }
        ctx.clearErrorReported();
        return execute(new String[] {"js", code});
    }

    private Result execute(String[] args) {
        int code = CommandLineFactory.forArgs(ctx, args).execute(args);
        ctx.out().flush();
        return new Result(Outcome.DONE, code);
    }
}
