package dev.fanout.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.FanoutException;
import dev.fanout.Json;
import dev.fanout.script.ScriptRegistry;
import dev.fanout.script.ScriptResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pipeline list} and {@code pipeline run NAME}: pipelines registered by scripts. */
@Command(name = "pipeline", description = "List or run the pipelines scripts registered with fanout.registerPipeline.")
public final class PipelineCommand extends GroupCommand {
    public PipelineCommand(CliContext ctx) {
        super(ctx);
    }

    /** {@code pipeline list}. */
    @Command(name = "list", description = "List the registered pipelines.")
    public static final class ListPipelines implements Callable<Integer> {
        private final CliContext ctx;

        public ListPipelines(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            List<ScriptRegistry.Entry> pipelines =
                    ctx.session().scriptBridge().registry().pipelines();
            if (pipelines.isEmpty()) {
                ctx.out().println("no pipelines; a script registers one with fanout.registerPipeline(name, fn)");
                return 0;
            }
            ctx.out().println(ctx.style().bold(String.format("%-20s %-28s %s", "name", "from", "description")));
            pipelines.forEach(p -> ctx.out()
                    .printf("%-20s %-28s %s%n", p.name(), p.origin(), p.description() == null ? "" : p.description()));
            return 0;
        }
    }

    /** {@code pipeline run NAME [--options JSON] [--set key=value…]}. */
    @Command(name = "run", description = "Run a registered pipeline.")
    public static final class RunPipeline implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(
                paramLabel = "NAME",
                completionCandidates = Candidates.PipelineNames.class,
                description = "the pipeline")
        String name;

        @Option(names = "--options", paramLabel = "JSON", description = "the options object, as JSON")
        String options;

        @Option(
                names = {"-o", "--option"},
                paramLabel = "KEY=VALUE",
                description = "one option (repeatable)")
        Map<String, String> option = new LinkedHashMap<>();

        public RunPipeline(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            ObjectNode opts;
            try {
                JsonNode parsed = options == null
                        ? Json.mapper().createObjectNode()
                        : Json.mapper().readTree(options);
                if (!parsed.isObject()) {
                    throw FanoutException.badInput(
                            "--options must be a JSON object, like '{\"file\": \"tasks.json\"}'");
                }
                opts = (ObjectNode) parsed;
            } catch (JsonProcessingException e) {
                throw FanoutException.badInput("--options is not JSON: " + e.getOriginalMessage());
            }
            option.forEach(opts::put);
            ScriptResult result = JsCommand.evaluate(ctx, bridge -> bridge.runPipeline(name, opts));
            if (result.hasValue()) {
                ctx.out().println(Json.pretty(result.value()));
            }
            return 0;
        }
    }
}
