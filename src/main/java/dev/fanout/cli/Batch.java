package dev.fanout.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Runs shell lines from a file or standard input in one session. The first failing line stops
 * the batch ({@code FILE:LINE: error: …}) unless keep-going is on. A {@code js} entry whose
 * JavaScript is unfinished at the end of its line goes on over the next lines, as at the
 * prompt; its errors name the line of the file where JavaScript found them.
 */
final class Batch {
    private final CliContext ctx;
    private final String name;
    private final boolean keepGoing;

    Batch(CliContext ctx, String name, boolean keepGoing) {
        this.ctx = ctx;
        this.name = name;
        this.keepGoing = keepGoing;
    }

    /** Runs every line; returns 0, or the exit code of the first failing line (1 with keep-going). */
    int run(BufferedReader in) {
        LineRunner runner = new LineRunner(ctx);
        int failures = 0;
        int lineNo = 0;
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                int first = lineNo;
                ctx.location(name + ":" + lineNo + ": ");
                String code = ShellLine.javaScriptCode(line);
                if (code != null) {
                    // an unfinished JavaScript entry goes on over the next lines, as at the prompt
                    StringBuilder entry = new StringBuilder(line);
                    String next;
                    while (!JsInput.isComplete(ShellLine.javaScriptCode(entry.toString()))
                            && (next = in.readLine()) != null) {
                        lineNo++;
                        entry.append('\n').append(next);
                    }
                    line = entry.toString();
                    String firstLine = line.lines().findFirst().orElse("");
                    String codeStart =
                            ShellLine.javaScriptCode(line).lines().findFirst().orElse("");
                    ctx.scriptSource(
                            new CliContext.ScriptSource(name, first, Math.max(0, firstLine.indexOf(codeStart))));
                }
                LineRunner.Result r;
                try {
                    r = runner.run(line);
                } finally {
                    ctx.scriptSource(null);
                }
                if (r.outcome() == LineRunner.Outcome.EXIT) {
                    break;
                }
                if (r.exitCode() != 0) {
                    if (!ctx.errorReported()) {
                        ctx.err()
                                .println(ctx.location() + ctx.style().red("error: ") + "'"
                                        + ShellLine.printable(line.strip(), 80) + "' ended with exit code "
                                        + r.exitCode());
                        ctx.err().flush();
                    }
                    if (!keepGoing) {
                        return r.exitCode();
                    }
                    failures++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ctx.location("");
        }
        return failures == 0 ? 0 : 1;
    }
}
