package dev.fanout.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One command through the real command tree, with its exit code and what it printed. */
record AgentCliRun(int exit, String out, String err) {

    /** Runs {@code fanout --home HOME ARGS…} with plain (non-terminal) output. */
    static AgentCliRun run(Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        int exit = CommandLineFactory.create(ctx).execute(all.toArray(String[]::new));
        return new AgentCliRun(exit, out.toString(), err.toString());
    }
}
