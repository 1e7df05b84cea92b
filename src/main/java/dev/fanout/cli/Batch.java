package dev.fanout.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Runs shell lines from a file or standard input in one session. The first failing line stops
 * the batch ({@code FILE:LINE: error: …}) unless keep-going is on.
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
                ctx.location(name + ":" + lineNo + ": ");
                LineRunner.Result r = runner.run(line);
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
