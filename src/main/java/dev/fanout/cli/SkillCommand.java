package dev.fanout.cli;

import dev.fanout.Hint;
import dev.fanout.agent.CreatedBy;
import dev.fanout.agent.Resources;
import dev.fanout.agent.SkillDefinition;
import dev.fanout.agent.SkillSpec;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fanout skill create|list|show}: skills as {@code NAME/SKILL.md} (the Agent Skills format). */
@Command(name = "skill", description = "Create, list and show skills (NAME/SKILL.md, the Agent Skills format).")
public final class SkillCommand extends GroupCommand {
    public SkillCommand(CliContext ctx) {
        super(ctx);
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
            ctx.out()
                    .println(ctx.style()
                            .dim(ctx.say(Hint.command("resources", "promote", "--name", s.name())
                                    .after(" keeps it for good"))));
            return 0;
        }
    }

    /** {@code skill list [--json]}. */
    @Command(name = "list", description = "List skills: permanent, from skill_dirs, and temporary, in lookup order.")
    public static final class ListSkills extends ResourceView.ListCommand<SkillDefinition> {
        public ListSkills(CliContext ctx) {
            super(ctx, ResourceView.SKILLS);
        }
    }

    /** {@code skill show NAME [--json]}. */
    @Command(name = "show", description = "Show a skill: where it is, its description, capabilities and body.")
    public static final class Show extends ResourceView.ShowCommand<SkillDefinition> {
        @Parameters(
                paramLabel = "NAME",
                completionCandidates = Candidates.SkillNames.class,
                description = "the skill's name")
        String name;

        public Show(CliContext ctx) {
            super(ctx, ResourceView.SKILLS);
        }

        @Override
        String name() {
            return name;
        }
    }
}
