package dev.fanout.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.Json;
import dev.fanout.agent.AgentDefinition;
import dev.fanout.agent.Catalog;
import dev.fanout.agent.Listing;
import dev.fanout.agent.Resource;
import dev.fanout.agent.ResourceKind;
import dev.fanout.agent.Resources;
import dev.fanout.agent.SkillDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How {@code skill list|show} and {@code agent list|show} print: one layout for both kinds, with
 * the columns and fields each kind adds.
 *
 * @param kind     what is listed
 * @param plural   its plural, for the JSON key and the empty message
 * @param listing  where the catalog keeps them
 * @param columns  the table's columns after name and origin
 * @param fields   the fields {@code show} prints after name, description and origin
 * @param none     what to print when there are none
 * @param listHelp {@code KIND list}'s description
 * @param showHelp {@code KIND show}'s description
 * @param names    the names {@code KIND show} completes
 */
record ResourceView<T extends Resource>(
        ResourceKind kind,
        String plural,
        Function<Catalog, Listing<T>> listing,
        List<Column<T>> columns,
        BiFunction<CliContext, T, Map<String, String>> fields,
        String none,
        String listHelp,
        String showHelp,
        Function<CliContext, Iterable<String>> names) {

    static final ResourceView<SkillDefinition> SKILLS = new ResourceView<>(
            ResourceKind.SKILL,
            "skills",
            Catalog::skills,
            List.of(
                    new Column<>(
                            "capabilities",
                            s -> Integer.toString(s.capabilities().size())),
                    new Column<>("description", s -> TextTable.oneLine(s.description(), 70))),
            (ctx, s) -> Map.of("capabilities", s.capabilities().isEmpty() ? "-" : String.join("; ", s.capabilities())),
            "no skills; 'fanout skill create' makes one, or point skill_dirs at a folder of skills",
            "List skills: permanent, from skill_dirs, and temporary, in lookup order.",
            "Show a skill: where it is, its description, capabilities and body.",
            Candidates.SkillNames::new);

    static final ResourceView<AgentDefinition> AGENTS = new ResourceView<>(
            ResourceKind.AGENT,
            "agents",
            Catalog::agents,
            List.of(
                    new Column<>("model", a -> a.model() == null ? "-" : a.model()),
                    new Column<>(
                            "command",
                            a -> a.command().isEmpty()
                                    ? "(agent_command)"
                                    : TextTable.oneLine(a.command().get(0), 30)),
                    new Column<>("description", a -> TextTable.oneLine(a.description(), 60))),
            ResourceView::agentFields,
            "no agents; 'fanout agent create' makes one, or point agent_dirs at a folder of agents",
            "List agents: permanent, from agent_dirs, and temporary, in lookup order.",
            "Show an agent: where it is, its tools, model, command and system prompt.",
            Candidates.AgentNames::new);

    /** {@code KIND list [--json]}. */
    CommandLine listCommand(CliContext ctx, IFactory factory) {
        CommandLine list = new CommandLine(new ListCommand<>(ctx, this), factory);
        list.getCommandSpec().usageMessage().description(listHelp);
        return list;
    }

    /** {@code KIND show NAME [--json]}, NAME completed from the kind's names. */
    CommandLine showCommand(CliContext ctx, IFactory factory) {
        CommandLine show = new CommandLine(new ShowCommand<>(ctx, this), factory);
        CommandSpec spec = show.getCommandSpec();
        spec.usageMessage().description(showHelp);
        spec.addPositional(PositionalParamSpec.builder()
                .paramLabel("NAME")
                .arity("1")
                .required(true) // as an annotated parameter would be
                .type(String.class)
                .completionCandidates(names.apply(ctx))
                .description("the " + kind + "'s name")
                .build());
        return show;
    }

    /** {@code KIND list [--json]}. */
    int list(CliContext ctx, boolean json) {
        Listing<T> found = listing.apply(ResourcesCommand.open(ctx, null).catalog());
        if (json) {
            ObjectNode root = Json.mapper().createObjectNode();
            var list = root.putArray(plural);
            found.found().forEach(r -> list.add(ResourceJson.resource(r, found.shadowed(r), false)));
            root.set("problems", ResourceJson.problems(found.problems()));
            ctx.out().println(Json.pretty(root));
            return 0;
        }
        List<String> header = new ArrayList<>(List.of("name", "origin"));
        columns.forEach(column -> header.add(column.name()));
        TextTable table = new TextTable(header.toArray(String[]::new));
        for (T r : found.found()) {
            List<String> row =
                    new ArrayList<>(List.of(r.name(), ResourcesCommand.origin(r.origin(), found.shadowed(r))));
            columns.forEach(column -> row.add(column.value().apply(r)));
            table.row(row.toArray(String[]::new));
        }
        if (table.isEmpty()) {
            ctx.out().println(none);
        } else {
            table.print(ctx.out(), ctx.style());
        }
        ResourcesCommand.warn(ctx, found.problems());
        return 0;
    }

    /** {@code KIND show NAME [--json]}. */
    int show(CliContext ctx, String name, boolean json) {
        Resources resources = ResourcesCommand.open(ctx, null);
        @SuppressWarnings("unchecked") // the catalog gives a resource of the kind asked for
        T r = (T) resources.catalog().require(kind, name);
        if (json) {
            ctx.out().println(Json.pretty(ResourceJson.resource(r, false, true)));
            return 0;
        }
        ResourcesCommand.field(ctx, "name", r.name());
        ResourcesCommand.field(ctx, "description", r.description());
        ResourcesCommand.field(ctx, "origin", r.origin() + " (" + r.path() + ")");
        fields.apply(ctx, r).forEach((field, value) -> ResourcesCommand.field(ctx, field, value));
        ResourcesCommand.uses(ctx, resources, r);
        ctx.out().println();
        ctx.out().print(r.body().endsWith("\n") || r.body().isEmpty() ? r.body() : r.body() + "\n");
        return 0;
    }

    private static Map<String, String> agentFields(CliContext ctx, AgentDefinition a) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("tools", a.tools().isEmpty() ? "-" : String.join(", ", a.tools()));
        out.put("model", a.model() == null ? "-" : a.model());
        if (a.pool() != null) {
            out.put("pool", a.pool());
        }
        out.put(
                "command",
                a.command().isEmpty()
                        ? "agent_command from the config: "
                                + Json.mapper()
                                        .valueToTree(ctx.session().config().agentCommand())
                        : Json.mapper().valueToTree(a.command()).toString());
        return out;
    }

    /** A column of the list's table. */
    record Column<T>(String name, Function<T, String> value) {}

    /** {@code KIND list [--json]}; its description is the kind's ({@link #listCommand}). */
    @Command(name = "list")
    static final class ListCommand<T extends Resource> implements Callable<Integer> {
        private final CliContext ctx;
        private final ResourceView<T> view;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        ListCommand(CliContext ctx, ResourceView<T> view) {
            this.ctx = ctx;
            this.view = view;
        }

        @Override
        public Integer call() {
            return view.list(ctx, json);
        }
    }

    /** {@code KIND show NAME [--json]}; NAME and the description are the kind's ({@link #showCommand}). */
    @Command(name = "show")
    static final class ShowCommand<T extends Resource> implements Callable<Integer> {
        private final CliContext ctx;
        private final ResourceView<T> view;

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        ShowCommand(CliContext ctx, ResourceView<T> view) {
            this.ctx = ctx;
            this.view = view;
        }

        @Override
        public Integer call() {
            String name = spec.positionalParameters().get(0).getValue();
            return view.show(ctx, name, json);
        }
    }
}
