package dev.fanout.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.agent.CreatedBy;
import dev.fanout.agent.Listing;
import dev.fanout.agent.ResourceKind;
import dev.fanout.agent.Resources;
import dev.fanout.agent.SkillDefinition;
import dev.fanout.agent.SkillSpec;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fanout skill create|list|show}: skills as {@code NAME/SKILL.md} (the Agent Skills format). */
@Command(name = "skill", description = "Create, list and show skills (NAME/SKILL.md, the Agent Skills format).")
public final class SkillCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    public SkillCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(ctx.out());
        return 0;
    }

    /** {@code skill create --name N --description D [--capabilities C…]}. */
    @Command(
            name = "create",
            description = {
                "Create a temporary skill in temp/skills/ and register it.",
                "'fanout resources cleanup' keeps or deletes it by its use; 'fanout resources promote' keeps it for good."
            })
    public static final class Create implements Callable<Integer> {
        private final CliContext ctx;

        @Option(
                names = "--name",
                required = true,
                paramLabel = "NAME",
                description = "lowercase letters, digits and hyphens, at most 64 characters")
        String name;

        @Option(
                names = "--description",
                required = true,
                paramLabel = "TEXT",
                description = "what it does and when to use it (at most 1024 characters)")
        String description;

        @Option(
                names = "--capabilities",
                arity = "1..*",
                paramLabel = "CAPABILITY",
                description = "what it can do, one argument each")
        List<String> capabilities;

        public Create(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Resources resources = ResourcesCommand.open(ctx, null);
            SkillDefinition s =
                    resources.createTemporarySkill(new SkillSpec(name, description, capabilities), CreatedBy.HAND);
            ctx.out().println("created temporary skill '" + s.name() + "' at " + s.path());
            ctx.out().println(ctx.style().dim("'fanout resources promote --name " + s.name() + "' keeps it for good"));
            return 0;
        }
    }

    /** {@code skill list [--json]}. */
    @Command(name = "list", description = "List skills: permanent, from skill_dirs, and temporary, in lookup order.")
    public static final class ListSkills implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        public ListSkills(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Listing<SkillDefinition> listing =
                    ResourcesCommand.open(ctx, null).catalog().skills();
            if (json) {
                ObjectNode root = Json.MAPPER.createObjectNode();
                var list = root.putArray("skills");
                listing.found().forEach(s -> list.add(ResourceJson.resource(s, listing.shadowed(s), false)));
                root.set("problems", ResourceJson.problems(listing.problems()));
                ctx.out().println(Json.pretty(root));
                return 0;
            }
            TextTable table = new TextTable("name", "origin", "capabilities", "description");
            for (SkillDefinition s : listing.found()) {
                table.row(
                        s.name(),
                        ResourcesCommand.origin(s.origin(), listing.shadowed(s)),
                        Integer.toString(s.capabilities().size()),
                        TextTable.oneLine(s.description(), 70));
            }
            if (table.isEmpty()) {
                ctx.out()
                        .println(
                                "no skills; 'fanout skill create' makes one, or point skill_dirs at a folder of skills");
            } else {
                table.print(ctx.out(), ctx.style());
            }
            ResourcesCommand.warn(ctx, listing.problems());
            return 0;
        }
    }

    /** {@code skill show NAME [--json]}. */
    @Command(name = "show", description = "Show a skill: where it is, its description, capabilities and body.")
    public static final class Show implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(
                paramLabel = "NAME",
                completionCandidates = Candidates.SkillNames.class,
                description = "the skill's name")
        String name;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        public Show(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Resources resources = ResourcesCommand.open(ctx, null);
            SkillDefinition s = (SkillDefinition) resources.catalog().require(ResourceKind.SKILL, name);
            if (json) {
                ctx.out().println(Json.pretty(ResourceJson.resource(s, false, true)));
                return 0;
            }
            ResourcesCommand.field(ctx, "name", s.name());
            ResourcesCommand.field(ctx, "description", s.description());
            ResourcesCommand.field(ctx, "origin", s.origin() + " (" + s.path() + ")");
            ResourcesCommand.field(
                    ctx, "capabilities", s.capabilities().isEmpty() ? "-" : String.join("; ", s.capabilities()));
            ResourcesCommand.uses(ctx, resources, s);
            ctx.out().println();
            ctx.out().print(s.body().endsWith("\n") || s.body().isEmpty() ? s.body() : s.body() + "\n");
            return 0;
        }
    }
}
