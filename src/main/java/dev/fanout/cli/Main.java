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
        int code = CommandLineFactory.create(ctx).execute(scriptShorthand(args));
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** {@code fanout FILE.js …} is {@code fanout js -f FILE.js …}. */
    static String[] scriptShorthand(String[] args) {
        if (args.length > 0 && args[0].endsWith(".js") && !args[0].startsWith("-")) {
            String[] rewritten = new String[args.length + 2];
            rewritten[0] = "js";
            rewritten[1] = "-f";
            System.arraycopy(args, 0, rewritten, 2, args.length);
            return rewritten;
        }
        return args;
    }
}
