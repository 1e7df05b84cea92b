package dev.fanout.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.Json;
import dev.fanout.agent.Age;
import dev.fanout.agent.CreatedBy;
import dev.fanout.agent.LifecycleDecision;
import dev.fanout.agent.Origin;
import dev.fanout.agent.Promotion;
import dev.fanout.agent.RegistryEntry;
import dev.fanout.agent.Resource;
import dev.fanout.agent.ResourceKind;
import dev.fanout.agent.ResourceProblem;
import dev.fanout.agent.ResourceStatus;
import dev.fanout.agent.Resources;
import dev.fanout.config.Config;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fanout resources list|mark-used|mark-useful|cleanup|promote}: the life of temporary skills and agents. */
@Command(
        name = "resources",
        description = {
            "Temporary skills and agents: their use, and whether they are kept.",
            "Kept: marked useful, used 3+ times, or used in the last 7 days. Deleted: redundant with a permanent one,",
            "unused for temp_resource_retention_days, or used once and older than 7 days. (In this order; the first that applies wins.)"
        })
public final class ResourcesCommand extends GroupCommand {
    public ResourcesCommand(CliContext ctx) {
        super(ctx);
    }

    /** The home's resources, with the session's configuration and any {@code -c} flags. */
    static Resources open(CliContext ctx, ConfigOptions options) {
        Config config = ctx.session().config();
        if (options != null) {
            config = config.withText("command-line flag", options.flags(Map.of()));
        }
        return new Resources(ctx.session().home(), config, Clock.systemUTC());
    }

    static String origin(Origin origin, boolean shadowed) {
        return origin.label() + (shadowed ? " (shadowed)" : "");
    }

    static void warn(CliContext ctx, List<ResourceProblem> problems) {
        for (ResourceProblem p : problems) {
            ctx.err().println(ctx.style().yellow("warning: ") + p);
        }
        ctx.err().flush();
    }

    static void field(CliContext ctx, String name, String value) {
        ctx.out().printf("%-13s %s%n", name + ":", value);
    }

    /** The registry's counts for a temporary resource. */
    static void uses(CliContext ctx, Resources resources, Resource r) {
        if (!r.temporary()) {
            return;
        }
        resources
                .registry()
                .entry(r.kind(), r.name())
                .ifPresentOrElse(
                        e -> {
                            String last =
                                    e.lastUsed() == null ? ", never used" : ", last " + lastUsed(e, Instant.now());
                            String how =
                                    e.createdBy() == CreatedBy.AUTO ? "; created automatically" : "; created by hand";
                            field(ctx, "uses", e.usageCount() + last + (e.useful() ? "; marked useful" : "") + how);
                        },
                        () -> field(ctx, "uses", "not in the registry"));
    }

    static String lastUsed(RegistryEntry e, Instant now) {
        return e.lastUsed() == null ? "never" : Age.between(e.lastUsed(), now) + " ago";
    }

    /** Options naming one temporary resource. */
    static final class Target {
        @Option(
                names = "--name",
                required = true,
                paramLabel = "NAME",
                completionCandidates = Candidates.TemporaryNames.class,
                description = "the resource's name")
        String name;

        @Option(
                names = "--type",
                paramLabel = "TYPE",
                description = "skill or agent (needed only when both have the name)")
        String type;

        ResourceKind kind() {
            return type == null ? null : ResourceKind.parse(type);
        }
    }

    /** {@code resources list [--json]}. */
    @Command(
            name = "list",
            description = "List temporary skills and agents: age, uses, and what the cleanup would decide.")
    public static final class ListResources implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Mixin
        ConfigOptions config;

        public ListResources(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Resources resources = open(ctx, config);
            List<ResourceStatus> statuses = resources.status();
            List<ResourceProblem> problems = resources.temporaryProblems();
            if (json) {
                ObjectNode root = Json.mapper().createObjectNode();
                var list = root.putArray("resources");
                statuses.forEach(s -> list.add(ResourceJson.status(s)));
                root.set("problems", ResourceJson.problems(problems));
                ctx.out().println(Json.pretty(root));
                return 0;
            }
            Instant now = resources.lifecycle().now();
            TextTable table = new TextTable("kind", "name", "age", "uses", "last used", "decision", "why");
            for (ResourceStatus s : statuses) {
                RegistryEntry e = s.entry();
                table.row(
                        e.kind().label(),
                        e.name(),
                        Age.between(e.createdAt(), now).toString(),
                        Integer.toString(e.usageCount()),
                        lastUsed(e, now),
                        s.decision().verdict(),
                        s.decision().reason());
            }
            if (table.isEmpty()) {
                ctx.out().println("no temporary skills or agents");
            } else {
                table.print(ctx.out(), ctx.style());
            }
            warn(ctx, problems);
            return 0;
        }
    }

    /** A command that changes one temporary resource's registry entry and says what it is now. */
    abstract static class MarkCommand implements Callable<Integer> {
        private final CliContext ctx;

        @Mixin
        Target target;

        MarkCommand(CliContext ctx) {
            this.ctx = ctx;
        }

        abstract RegistryEntry change(Resources resources, ResourceKind kind, String name);

        abstract String said(RegistryEntry e);

        @Override
        public Integer call() {
            Resources resources = open(ctx, null);
            ResourceKind kind = resources.temporaryKind(target.name, target.kind());
            RegistryEntry e = change(resources, kind, target.name);
            ctx.out().println(kind + " '" + e.name() + "' " + said(e));
            return 0;
        }
    }

    /** {@code resources mark-used --name N [--type T]}. */
    @Command(name = "mark-used", description = "Count one use of a temporary skill or agent.")
    public static final class MarkUsed extends MarkCommand {
        public MarkUsed(CliContext ctx) {
            super(ctx);
        }

        @Override
        RegistryEntry change(Resources resources, ResourceKind kind, String name) {
            return resources.markUsed(kind, name);
        }

        @Override
        String said(RegistryEntry e) {
            return "used " + (e.usageCount() == 1 ? "once" : e.usageCount() + " times");
        }
    }

    /** {@code resources mark-useful --name N [--type T]}. */
    @Command(name = "mark-useful", description = "Mark a temporary skill or agent useful: the cleanup keeps it.")
    public static final class MarkUseful extends MarkCommand {
        public MarkUseful(CliContext ctx) {
            super(ctx);
        }

        @Override
        RegistryEntry change(Resources resources, ResourceKind kind, String name) {
            return resources.markUseful(kind, name);
        }

        @Override
        String said(RegistryEntry e) {
            return "marked useful: the cleanup keeps it";
        }
    }

    /** {@code resources cleanup [--dry-run] [--json]}. */
    @Command(name = "cleanup", description = "Delete the temporary skills and agents the rules say to delete.")
    public static final class Cleanup implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--dry-run", description = "say what would be deleted, delete nothing")
        boolean dryRun;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Mixin
        ConfigOptions config;

        public Cleanup(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            List<LifecycleDecision> decisions = open(ctx, config).cleanup(dryRun);
            long deleted = decisions.stream().filter(d -> !d.keep()).count();
            boolean failed = decisions.stream().anyMatch(d -> d.rule() == LifecycleDecision.Rule.DELETE_FAILED);
            if (json) {
                ObjectNode root = Json.mapper().createObjectNode();
                root.put("dry_run", dryRun);
                var list = root.putArray("decisions");
                decisions.forEach(d -> list.add(ResourceJson.decision(d)));
                ctx.out().println(Json.pretty(root));
                return failed ? 1 : 0;
            }
            TextTable table = new TextTable("action", "kind", "name", "why");
            for (LifecycleDecision d : decisions) {
                String action = d.keep() ? "kept" : dryRun ? "would delete" : "deleted";
                if (d.rule() == LifecycleDecision.Rule.DELETE_FAILED) {
                    action = "not deleted";
                }
                table.row(action, d.kind().label(), d.name(), d.reason());
            }
            if (!table.isEmpty()) {
                table.print(ctx.out(), ctx.style());
            }
            ctx.out()
                    .println((dryRun ? "dry run: " + deleted + " would be deleted, " : deleted + " deleted, ")
                            + (decisions.size() - deleted) + " kept");
            return failed ? 1 : 0;
        }
    }

    /** {@code resources promote --name N [--type T] [--force]}. */
    @Command(
            name = "promote",
            description = "Move a temporary skill or agent to the permanent place (skills/, agents/).")
    public static final class Promote implements Callable<Integer> {
        private final CliContext ctx;

        @Mixin
        Target target;

        @Option(names = "--force", description = "replace a permanent one of the same name")
        boolean force;

        public Promote(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Promotion p = open(ctx, null).promote(target.kind(), target.name, force);
            ctx.out()
                    .println("promoted " + p.kind() + " '" + p.name() + "' to " + p.to()
                            + (p.replaced() ? " (replaced the permanent one)" : ""));
            return 0;
        }
    }
}
