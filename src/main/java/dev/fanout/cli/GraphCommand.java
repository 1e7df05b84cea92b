package dev.fanout.cli;

import dev.fanout.graph.GraphExport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fanout graph FILE --format text|dot|mermaid}. */
@Command(
        name = "graph",
        description = {
            "Print the dependency graph.",
            "dot: pipe to 'dot -Tsvg > graph.svg'; mermaid: paste into a ```mermaid block."
        })
public final class GraphCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "tasks file; default: the session's tasks")
    Path file;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text, dot or mermaid (default: ${DEFAULT-VALUE})")
    String format;

    public GraphCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        GraphExport export = switch (format.toLowerCase()) {
            case "text" -> GraphExport.TEXT;
            case "dot" -> GraphExport.DOT;
            case "mermaid" -> GraphExport.MERMAID;
            default ->
                throw dev.fanout.FanoutException.badInput(
                        "unknown graph format '" + format + "'; use text, dot or mermaid");
        };
        AnalyzeCommand.Planned p = AnalyzeCommand.Planned.of(ctx, file, null, null);
        export.export(p.graph(), p.analysis(), ctx.out());
        return 0;
    }
}
