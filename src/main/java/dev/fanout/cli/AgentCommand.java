package dev.fanout.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.fanout.FanoutException;
import dev.fanout.Hint;
import dev.fanout.Json;
import dev.fanout.agent.AgentDefinition;
import dev.fanout.agent.AgentSpec;
import dev.fanout.agent.CreatedBy;
import dev.fanout.agent.Resources;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fanout agent create|list|show}: agents as {@code NAME.md} with an argv command template. */
@Command(name = "agent", description = "Create, list and show agents (NAME.md, with the command that runs them).")
public final class AgentCommand extends GroupCommand {
    public AgentCommand(CliContext ctx) {
        super(ctx);
    }

    /** {@code agent create --name N --description D --tools T… [--model M] [--command ARG…]}. */
    @Command(
            name = "create",
            description = {
                "Create a temporary agent in temp/agents/ and register it.",
                "--command takes the argv the agent runs with, each argument as is, with placeholders "
                        + "{prompt} {body} {task_id} {description} {model} {tools} {cwd}; "
                        + "give it last, or as one JSON list: --command '[\"claude\", \"-p\", \"{prompt}\"]'.",
                "Without --command the agent runs with agent_command from the config."
            })
    public static final class Create implements Callable<Integer> {
        private final CliContext ctx;

        @Option(
                names = "--name",
                required = true,
                paramLabel = "NAME",
                description = "lowercase letters, digits and hyphens, at most 64 characters")
        String name;

        @Option(names = "--description", required = true, paramLabel = "TEXT", description = "what it does")
        String description;

        @Option(
                names = "--tools",
                arity = "1..*",
                paramLabel = "TOOL",
                description = "tools it may use, e.g. Bash Read Write")
        List<String> tools;

        @Option(names = "--model", paramLabel = "MODEL", description = "the model it asks for")
        String model;

        @Option(names = "--command", arity = "1..*", paramLabel = "ARG", description = "its argv template")
        List<String> command;

        @Option(
                names = "--pool",
                paramLabel = "POOL",
                description = "the concurrency pool its tasks count against (config pools; a task's own pool wins)")
        String pool;

        public Create(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Resources resources = ResourcesCommand.open(ctx, null);
            AgentDefinition a = resources.createTemporaryAgent(
                    new AgentSpec(name, description, tools, model, argv(command), pool), CreatedBy.HAND);
            ctx.out().println("created temporary agent '" + a.name() + "' at " + a.path());
            ctx.out()
                    .println(ctx.style()
                            .dim(ctx.say(Hint.command("resources", "promote", "--name", a.name())
                                    .after(" keeps it for good"))));
            return 0;
        }

        /** The template as given: one JSON list, or the arguments themselves; null when not given. */
        static List<String> argv(List<String> given) {
            if (given == null || given.size() != 1 || !given.get(0).strip().startsWith("[")) {
                return given;
            }
            try {
                return Json.mapper().readValue(given.get(0), new TypeReference<List<String>>() {});
            } catch (JsonProcessingException e) {
                throw FanoutException.badInput("--command: not a JSON list of strings: " + e.getOriginalMessage());
            }
        }
    }
}
