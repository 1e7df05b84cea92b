package dev.fanout.cli;

import java.io.PrintWriter;

/** The entry point of {@code fanout}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        CliContext ctx = new CliContext(System.getenv(), out, err, System.console() != null);
        int code = CommandLineFactory.create(ctx).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
