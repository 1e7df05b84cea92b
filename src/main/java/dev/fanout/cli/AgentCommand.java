package dev.fanout.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.FanoutException;
import dev.fanout.agent.AgentDefinition;
import dev.fanout.agent.AgentSpec;
import dev.fanout.agent.CreatedBy;
import dev.fanout.agent.Listing;
import dev.fanout.agent.ResourceKind;
import dev.fanout.agent.Resources;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fanout agent create|list|show}: agents as {@code NAME.md} with an argv command template. */
@Command(name = "agent", description = "Create, list and show agents (NAME.md, with the command that runs them).")
public final class AgentCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    public AgentCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(ctx.out());
        return 0;
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

        public Create(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Resources resources = ResourcesCommand.open(ctx, null);
            AgentDefinition a = resources.createTemporaryAgent(
                    new AgentSpec(name, description, tools, model, argv(command)), CreatedBy.HAND);
            ctx.out().println("created temporary agent '" + a.name() + "' at " + a.path());
            ctx.out().println(ctx.style().dim("'fanout resources promote --name " + a.name() + "' keeps it for good"));
            return 0;
        }

        /** The template as given: one JSON list, or the arguments themselves; null when not given. */
        static List<String> argv(List<String> given) {
            if (given == null || given.size() != 1 || !given.get(0).strip().startsWith("[")) {
                return given;
            }
            try {
                return Json.MAPPER.readValue(given.get(0), new TypeReference<List<String>>() {});
            } catch (JsonProcessingException e) {
                throw FanoutException.badInput("--command: not a JSON list of strings: " + e.getOriginalMessage());
            }
        }
    }

    /** {@code agent list [--json]}. */
    @Command(name = "list", description = "List agents: permanent, from agent_dirs, and temporary, in lookup order.")
    public static final class ListAgents implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        public ListAgents(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Listing<AgentDefinition> listing =
                    ResourcesCommand.open(ctx, null).catalog().agents();
            if (json) {
                ObjectNode root = Json.MAPPER.createObjectNode();
                var list = root.putArray("agents");
                listing.found().forEach(a -> list.add(ResourceJson.resource(a, listing.shadowed(a), false)));
                root.set("problems", ResourceJson.problems(listing.problems()));
                ctx.out().println(Json.pretty(root));
                return 0;
            }
            TextTable table = new TextTable("name", "origin", "model", "command", "description");
            for (AgentDefinition a : listing.found()) {
                table.row(
                        a.name(),
                        ResourcesCommand.origin(a.origin(), listing.shadowed(a)),
                        a.model() == null ? "-" : a.model(),
                        a.command().isEmpty()
                                ? "(agent_command)"
                                : TextTable.oneLine(a.command().get(0), 30),
                        TextTable.oneLine(a.description(), 60));
            }
            if (table.isEmpty()) {
                ctx.out()
                        .println(
                                "no agents; 'fanout agent create' makes one, or point agent_dirs at a folder of agents");
            } else {
                table.print(ctx.out(), ctx.style());
            }
            ResourcesCommand.warn(ctx, listing.problems());
            return 0;
        }
    }

    /** {@code agent show NAME [--json]}. */
    @Command(name = "show", description = "Show an agent: where it is, its tools, model, command and system prompt.")
    public static final class Show implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(
                paramLabel = "NAME",
                completionCandidates = Candidates.AgentNames.class,
                description = "the agent's name")
        String name;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        public Show(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Resources resources = ResourcesCommand.open(ctx, null);
            AgentDefinition a = (AgentDefinition) resources.catalog().require(ResourceKind.AGENT, name);
            if (json) {
                ctx.out().println(Json.pretty(ResourceJson.resource(a, false, true)));
                return 0;
            }
            ResourcesCommand.field(ctx, "name", a.name());
            ResourcesCommand.field(ctx, "description", a.description());
            ResourcesCommand.field(ctx, "origin", a.origin() + " (" + a.path() + ")");
            ResourcesCommand.field(ctx, "tools", a.tools().isEmpty() ? "-" : String.join(", ", a.tools()));
            ResourcesCommand.field(ctx, "model", a.model() == null ? "-" : a.model());
            ResourcesCommand.field(
                    ctx,
                    "command",
                    a.command().isEmpty()
                            ? "agent_command from the config: "
                                    + Json.MAPPER.valueToTree(
                                            ctx.session().config().agentCommand())
                            : Json.MAPPER.valueToTree(a.command()).toString());
            ResourcesCommand.uses(ctx, resources, a);
            ctx.out().println();
            ctx.out().print(a.body().endsWith("\n") || a.body().isEmpty() ? a.body() : a.body() + "\n");
            return 0;
        }
    }
}
