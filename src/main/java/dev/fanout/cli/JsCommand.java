package dev.fanout.cli;

import dev.fanout.FanoutException;
import dev.fanout.Json;
import dev.fanout.script.ScriptBridge;
import dev.fanout.script.ScriptRegistry;
import dev.fanout.script.ScriptResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fanout js 'EXPRESSION'} and {@code fanout js -f FILE.js}: JavaScript with the fanout object. */
@Command(
        name = "js",
        description = {
            "Evaluate JavaScript with the 'fanout' object and print its value as JSON.",
            "  js 'fanout.tasks().length'      js -f examples/js/top3.js      (also: fanout FILE.js)"
        })
public final class JsCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(arity = "0..1", paramLabel = "EXPRESSION", description = "the code to evaluate")
    String expression;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            description = "evaluate a .js file")
    Path file;

    public JsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if ((expression == null) == (file == null)) {
            throw FanoutException.badInput("give an expression or -f FILE.js: js 'fanout.strategies()'");
        }
        ScriptRegistry registry = ctx.session().scriptBridge().registry();
        List<ScriptRegistry.Entry> mergesBefore = registry.merges();
        List<ScriptRegistry.Entry> pipelinesBefore = registry.pipelines();
        CliContext.ScriptSource source = ctx.scriptSource();
        ScriptResult result = evaluate(
                ctx,
                bridge -> file != null
                        ? bridge.evaluateFile(file)
                        : source != null
                                ? bridge.evaluate(source.file(), source.placed(expression))
                                : bridge.evaluate(expression));
        // a definition returns nothing to print: say what it defined, and how to use it
        registered(mergesBefore, registry.merges(), "merge strategy", "merge --strategy ");
        registered(pipelinesBefore, registry.pipelines(), "pipeline", "pipeline run ");
        if (result.hasValue()) {
            ctx.out().println(Json.pretty(result.value()));
        }
        return 0;
    }

    private void registered(
            List<ScriptRegistry.Entry> before, List<ScriptRegistry.Entry> after, String what, String use) {
        for (ScriptRegistry.Entry e : after) {
            if (before.stream().noneMatch(b -> b == e)) {
                ctx.err()
                        .println(
                                ctx.style().dim("registered " + what + " '" + e.name() + "' (" + use + e.name() + ")"));
            }
        }
    }

    /**
     * Runs script work with its log printed as it comes and Ctrl-C stopping it; shared with
     * {@code pipeline run}. The log (and the progress of runs the script starts) goes to standard
     * error: standard output carries only the value, so {@code fanout js … | jq} works.
     */
    @SuppressWarnings("try") // the registration only needs closing
    static ScriptResult evaluate(CliContext ctx, java.util.function.Function<ScriptBridge, ScriptResult> work) {
        ScriptBridge bridge = ctx.session().scriptBridge();
        ctx.session().scriptLog(line -> {
            ctx.err().println(ctx.style().taskText(line)); // a log line may quote a task's output
            ctx.err().flush();
        });
        try (Interrupts.Registration ignored = ctx.interrupts().onInterrupt(ctx.session()::cancelScripts)) {
            return work.apply(bridge);
        } finally {
            ctx.session().scriptLog(null);
        }
    }
}
