package dev.fanout.agent;

import dev.fanout.AtomicFile;
import dev.fanout.FanoutException;
import dev.fanout.Hint;
import dev.fanout.LocatedException;
import dev.fanout.Names;
import dev.fanout.config.Config;
import dev.fanout.config.Home;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The skills and agents of a home, and the life of the temporary ones: create, count uses,
 * mark useful, decide, clean up, promote. Safe to use from several threads and processes at
 * once: every change goes through the registry's lock.
 */
public final class Resources {
    /** Metadata keys fanout writes into the files it creates. */
    public static final String CREATED_BY = "fanout-created-by";

    public static final String CREATED_AT = "fanout-created-at";

    private final Catalog catalog;
    private final Registry registry;
    private final Lifecycle lifecycle;
    private final ResourceFiles files;
    private final ResourceReview review;

    /** An agent looked up, or created because it was missing. */
    public record Ensured(AgentDefinition agent, boolean created) {}

    private record Made(Resource resource, boolean created) {}

    public Resources(Home home, Config config, Clock clock) {
        this.catalog = new Catalog(home, config);
        this.registry = new Registry(home.registryFile());
        this.lifecycle = new Lifecycle(clock, config.tempResourceRetentionDays());
        this.files = new ResourceFiles(home.root());
        this.review = new ResourceReview(catalog, lifecycle);
    }

    public Catalog catalog() {
        return catalog;
    }

    public Registry registry() {
        return registry;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    /**
     * Writes a new temporary skill and registers it.
     *
     * @return the skill as read back from its file
     * @throws FanoutException (bad input) when a skill of that name exists, permanent or temporary
     */
    public SkillDefinition createTemporarySkill(SkillSpec spec, CreatedBy by) {
        return (SkillDefinition) create(
                        ResourceKind.SKILL,
                        spec.name(),
                        by,
                        IfExists.REFUSE,
                        file -> new SkillDefinition(
                                spec.name(),
                                spec.description(),
                                spec.capabilities(),
                                spec.body(),
                                metadata(by),
                                file,
                                Origin.TEMPORARY))
                .resource();
    }

    /**
     * Writes a new temporary agent and registers it.
     *
     * @return the agent as read back from its file
     * @throws FanoutException (bad input) when an agent of that name exists, permanent or temporary
     */
    public AgentDefinition createTemporaryAgent(AgentSpec spec, CreatedBy by) {
        return (AgentDefinition) create(ResourceKind.AGENT, spec.name(), by, IfExists.REFUSE, agentMaker(spec, by))
                .resource();
    }

    /**
     * The agent of that name if any place has one, else a new temporary agent made from
     * {@code spec}, created automatically. Two processes ensuring the same agent get one file.
     *
     * @throws LocatedException when the agent found is not a valid agent file
     */
    public Ensured ensureAgent(AgentSpec spec) {
        Optional<AgentDefinition> found = catalog.findAgent(spec.name());
        if (found.isPresent()) {
            return new Ensured(found.get(), false);
        }
        Made made = create(
                ResourceKind.AGENT, spec.name(), CreatedBy.AUTO, IfExists.USE_IT, agentMaker(spec, CreatedBy.AUTO));
        return new Ensured((AgentDefinition) made.resource(), made.created());
    }

    private Function<Path, Resource> agentMaker(AgentSpec spec, CreatedBy by) {
        return file -> new AgentDefinition(
                spec.name(),
                spec.description(),
                spec.tools(),
                spec.model(),
                spec.command(),
                spec.body(),
                metadata(by),
                file,
                Origin.TEMPORARY,
                spec.pool());
    }

    private Map<String, String> metadata(CreatedBy by) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(CREATED_BY, by.label());
        m.put(CREATED_AT, lifecycle.now().toString());
        return m;
    }

    /** What creating a temporary resource does when one of that name is there already. */
    private enum IfExists {
        REFUSE,
        USE_IT
    }

    private Made create(
            ResourceKind kind, String name, CreatedBy by, IfExists ifExists, Function<Path, Resource> make) {
        for (Catalog.Place place : catalog.places(kind)) {
            Path there = Catalog.fileIn(place.dir(), kind, name);
            if (place.origin() != Origin.TEMPORARY && Files.exists(there)) {
                throw FanoutException.badInput(ResourceReview.phrase(place.origin(), kind) + " named '" + name
                        + "' exists at " + there + "; a temporary one would never be found: pick another name");
            }
        }
        return registry.update(entries -> {
            Path dir = catalog.temporaryDir(kind);
            Path file = Catalog.fileIn(dir, kind, name);
            if (Files.exists(Catalog.entryIn(dir, kind, name))) {
                if (ifExists == IfExists.USE_IT) {
                    return new Made(Catalog.read(kind, file, Origin.TEMPORARY), false);
                }
                throw FanoutException.badInput(
                        "a temporary " + kind + " named '" + name + "' exists at " + file,
                        Hint.command("resources", "promote", "--name", name)
                                .before("; pick another name, or ")
                                .after(" to keep it"));
            }
            Resource r = make.apply(file);
            AtomicFile.write(file, r.toMarkdown().getBytes(StandardCharsets.UTF_8));
            Resource back = Catalog.read(kind, file, Origin.TEMPORARY);
            if (!back.equals(r)) {
                throw new IllegalStateException(file + " reads back differently from what was written");
            }
            entries.put(RegistryEntry.key(kind, name), RegistryEntry.of(back, by, lifecycle.now()));
            return new Made(back, true);
        });
    }

    /**
     * Counts one use of a temporary resource (safe across threads and processes). A temporary
     * file the registry does not list yet is registered first.
     *
     * @return the entry after the use
     * @throws FanoutException (bad input) when no temporary resource of that kind and name exists
     *     (permanent ones are not counted)
     */
    public RegistryEntry markUsed(ResourceKind kind, String name) {
        kind.checkName(name);
        return registry.update(entries -> {
            RegistryEntry used = tracked(entries, kind, name).used(lifecycle.now());
            entries.put(used.key(), used);
            return used;
        });
    }

    /**
     * Marks a temporary resource useful, so the cleanup keeps it.
     *
     * @return the entry after the change
     * @throws FanoutException (bad input) when no temporary resource of that kind and name exists
     */
    public RegistryEntry markUseful(ResourceKind kind, String name) {
        kind.checkName(name);
        return registry.update(entries -> {
            RegistryEntry useful = tracked(entries, kind, name).useful(true);
            entries.put(useful.key(), useful);
            return useful;
        });
    }

    private RegistryEntry tracked(Map<String, RegistryEntry> entries, ResourceKind kind, String name)
            throws IOException {
        RegistryEntry e = entries.get(RegistryEntry.key(kind, name));
        if (e != null) {
            return e;
        }
        Path file = Catalog.fileIn(catalog.temporaryDir(kind), kind, name);
        if (Files.isRegularFile(file)) {
            return RegistryEntry.of(
                    Catalog.read(kind, file, Origin.TEMPORARY),
                    CreatedBy.HAND,
                    Files.getLastModifiedTime(file).toInstant());
        }
        throw notTemporary(kind, name);
    }

    /**
     * The kind of the temporary resource named {@code name}: {@code kind} when given, else the
     * one kind that has a temporary resource of that name.
     *
     * @throws FanoutException (bad input) when the name is invalid, unknown, or both kinds have it
     */
    public ResourceKind temporaryKind(String name, ResourceKind kind) {
        if (kind != null) {
            return kind;
        }
        List<ResourceKind> having = new ArrayList<>();
        for (ResourceKind k : ResourceKind.values()) {
            k.checkName(name);
            if (registry.entry(k, name).isPresent()
                    || Files.exists(Catalog.entryIn(catalog.temporaryDir(k), k, name))) {
                having.add(k);
            }
        }
        if (having.size() == 1) {
            return having.get(0);
        }
        if (having.size() > 1) {
            throw FanoutException.badInput("both a temporary skill and a temporary agent are named '" + name
                    + "'; add --type skill or --type agent");
        }
        throw notTemporary(null, name);
    }

    private FanoutException notTemporary(ResourceKind kind, String name) {
        for (ResourceKind k : kind == null ? ResourceKind.values() : new ResourceKind[] {kind}) {
            Optional<Path> elsewhere = catalog.places(k).stream()
                    .filter(p -> p.origin() != Origin.TEMPORARY)
                    .map(p -> Catalog.fileIn(p.dir(), k, name))
                    .filter(Files::isRegularFile)
                    .findFirst();
            if (elsewhere.isPresent()) {
                return FanoutException.badInput(k + " '" + name + "' is not temporary (it is " + elsewhere.get()
                        + "); only temporary resources are tracked");
            }
        }
        TreeSet<String> names = new TreeSet<>();
        registry.entries().forEach(e -> names.add(e.name()));
        for (ResourceKind k : ResourceKind.values()) {
            catalog.list(k, catalog.temporaryPlace(k)).found().forEach(r -> names.add(r.name()));
        }
        String what = kind == null ? "skill or agent" : kind.label();
        String problem = "no temporary " + what + " named '" + name + "'";
        return Names.closest(name, names)
                .map(c -> FanoutException.badInput(problem + "; did you mean '" + c + "'?"))
                .orElseGet(() -> FanoutException.badInput(
                        problem, Hint.command("resources", "list").before("; ").after(" shows them")));
    }

    /** Every temporary resource with what the cleanup would decide for it, by kind and name. */
    public List<ResourceStatus> status() {
        return review.statuses(registry.entries());
    }

    /**
     * Applies the lifecycle rules: deletes the files (and entries) of the resources to delete,
     * and removes entries whose files are gone. With {@code dryRun} nothing changes.
     *
     * @return one decision per temporary resource, by kind and name; a deletion that failed
     *     shows as {@link LifecycleDecision.Rule#DELETE_FAILED}
     */
    public List<LifecycleDecision> cleanup(boolean dryRun) {
        if (dryRun) {
            return status().stream().map(ResourceStatus::decision).toList();
        }
        return registry.update(entries -> {
            List<LifecycleDecision> out = new ArrayList<>();
            for (ResourceStatus s : review.statuses(List.copyOf(entries.values()))) {
                LifecycleDecision d = s.decision();
                if (!d.keep()) {
                    try {
                        files.delete(Catalog.entryIn(catalog.temporaryDir(d.kind()), d.kind(), d.name()));
                        entries.remove(RegistryEntry.key(d.kind(), d.name()));
                    } catch (IOException e) {
                        d = new LifecycleDecision(
                                d.kind(),
                                d.name(),
                                LifecycleDecision.Rule.DELETE_FAILED,
                                d.reason() + "; deleting it failed: " + e);
                    }
                }
                out.add(d);
            }
            return out;
        });
    }

    /**
     * Moves a temporary resource to the permanent place and drops it from the registry.
     *
     * @param kind  the kind, or null to find it from the name
     * @param force replace a permanent resource of the same name
     * @throws FanoutException (bad input) when there is no such temporary resource, its file is
     *     not valid, or a permanent one exists and {@code force} is not given
     */
    public Promotion promote(ResourceKind kind, String name, boolean force) {
        ResourceKind k = temporaryKind(name, kind);
        k.checkName(name);
        return registry.update(entries -> {
            Path from = Catalog.entryIn(catalog.temporaryDir(k), k, name);
            Path file = Catalog.fileIn(catalog.temporaryDir(k), k, name);
            if (!Files.isRegularFile(file)) {
                String problem = "no temporary " + k + " named '" + name + "' (" + file + " does not exist";
                throw entries.containsKey(RegistryEntry.key(k, name))
                        ? FanoutException.badInput(
                                problem,
                                Hint.command("resources", "cleanup")
                                        .before("; ")
                                        .after(" removes its registry entry)"))
                        : FanoutException.badInput(problem + ")");
            }
            Catalog.read(k, file, Origin.TEMPORARY);
            Path to = Catalog.entryIn(catalog.permanentDir(k), k, name);
            boolean replaced = Files.exists(to);
            if (replaced && !force) {
                throw FanoutException.badInput(
                        "a permanent " + k + " named '" + name + "' exists at " + to + "; add --force to replace it");
            }
            files.move(from, to, replaced);
            entries.remove(RegistryEntry.key(k, name));
            return new Promotion(k, name, from, to, replaced);
        });
    }

    /** The files in the temporary folders that cannot be read as skills or agents. */
    public List<ResourceProblem> temporaryProblems() {
        List<ResourceProblem> out = new ArrayList<>();
        for (ResourceKind k : ResourceKind.values()) {
            out.addAll(catalog.list(k, catalog.temporaryPlace(k)).problems());
        }
        return out;
    }
}
