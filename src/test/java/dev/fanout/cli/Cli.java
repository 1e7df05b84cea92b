package dev.fanout.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs fanout's real command tree in process, as {@code Main} does, with its home in a test folder
 * and output captured.
 */
final class Cli {
    private Cli() {}

    /** What one command line did. */
    record Result(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** Runs {@code fanout --home HOME ARGS…} with a plain environment (no colours, no FANOUT_HOME). */
    static Result run(Path home, String... args) {
        return runIn(Map.of("TERM", "dumb"), home, args);
    }

    static Result runIn(Map<String, String> env, Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(env, new PrintWriter(out, true), new PrintWriter(err, true), false);
        List<String> all = new ArrayList<>();
        if (home != null) {
            all.add("--home");
            all.add(home.toString());
        }
        all.addAll(List.of(args));
        int exit = CommandLineFactory.create(ctx).execute(all.toArray(String[]::new));
        ctx.out().flush();
        ctx.err().flush();
        return new Result(exit, out.toString(), err.toString());
    }
}
