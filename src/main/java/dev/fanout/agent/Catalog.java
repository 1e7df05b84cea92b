package dev.fanout.agent;

import dev.fanout.FanoutException;
import dev.fanout.Hint;
import dev.fanout.LocatedException;
import dev.fanout.Names;
import dev.fanout.config.Config;
import dev.fanout.config.Home;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where skills and agents live and how they are found: permanent ones under the home first,
 * then the extra folders of {@code skill_dirs}/{@code agent_dirs}, then temporary ones. The
 * first place holding a name wins.
 */
public final class Catalog {
    private final Home home;
    private final List<Path> extraSkillDirs;
    private final List<Path> extraAgentDirs;

    /** One folder searched, and what it holds. */
    public record Place(Path dir, Origin origin) {}

    public Catalog(Home home, Config config) {
        this.home = home;
        this.extraSkillDirs = expand(config.skillDirs());
        this.extraAgentDirs = expand(config.agentDirs());
    }

    private static List<Path> expand(List<String> dirs) {
        List<Path> out = new ArrayList<>();
        for (String d : dirs) {
            String path = d.equals("~") || d.startsWith("~/") ? System.getProperty("user.home") + d.substring(1) : d;
            out.add(Path.of(path).toAbsolutePath().normalize());
        }
        return out;
    }

    public Home home() {
        return home;
    }

    /** The folders searched for a kind, in lookup order. */
    public List<Place> places(ResourceKind kind) {
        List<Place> places = new ArrayList<>();
        places.add(new Place(permanentDir(kind), Origin.PERMANENT));
        (kind == ResourceKind.SKILL ? extraSkillDirs : extraAgentDirs)
                .forEach(d -> places.add(new Place(d, Origin.EXTRA)));
        places.add(temporaryPlace(kind));
        return places;
    }

    /** The folder of temporary resources of a kind, as a place. */
    public Place temporaryPlace(ResourceKind kind) {
        return new Place(temporaryDir(kind), Origin.TEMPORARY);
    }

    public Path permanentDir(ResourceKind kind) {
        return kind == ResourceKind.SKILL ? home.skillsDir() : home.agentsDir();
    }

    public Path temporaryDir(ResourceKind kind) {
        return kind == ResourceKind.SKILL ? home.tempSkillsDir() : home.tempAgentsDir();
    }

    /** The file of a resource named {@code name} in {@code dir}: {@code NAME.md} or {@code NAME/SKILL.md}. */
    public static Path fileIn(Path dir, ResourceKind kind, String name) {
        return kind == ResourceKind.SKILL
                ? dir.resolve(name).resolve(SkillDefinition.FILE_NAME)
                : dir.resolve(name + ".md");
    }

    /** What is created, moved or deleted for a resource: the agent's file, or the skill's folder. */
    public static Path entryIn(Path dir, ResourceKind kind, String name) {
        return kind == ResourceKind.SKILL ? dir.resolve(name) : dir.resolve(name + ".md");
    }

    /**
     * The agent of that name, from the first place that has one.
     *
     * @throws FanoutException (bad input) for a name that is not a valid agent name
     * @throws LocatedException when the file found is not a valid agent
     */
    public Optional<AgentDefinition> findAgent(String name) {
        return find(ResourceKind.AGENT, name).map(AgentDefinition.class::cast);
    }

    /** As {@link #findAgent}, for skills. */
    public Optional<SkillDefinition> findSkill(String name) {
        return find(ResourceKind.SKILL, name).map(SkillDefinition.class::cast);
    }

    /**
     * The resource of that name and kind, from the first place that has one.
     *
     * @throws FanoutException (bad input) for an invalid name
     * @throws LocatedException when the file found is not valid
     */
    public Optional<Resource> find(ResourceKind kind, String name) {
        kind.checkName(name);
        for (Place place : places(kind)) {
            Path file = fileIn(place.dir(), kind, name);
            if (Files.isRegularFile(file)) {
                return Optional.of(read(kind, file, place.origin()));
            }
        }
        return Optional.empty();
    }

    /**
     * As {@link #find}, but a missing resource is an error.
     *
     * @throws FanoutException (bad input) naming where it looked and the closest name, when none has it
     */
    public Resource require(ResourceKind kind, String name) {
        return find(kind, name).orElseThrow(() -> notFound(kind, name));
    }

    /** The error for a name no place holds, with the places looked in and the closest name. */
    public FanoutException notFound(ResourceKind kind, String name) {
        List<String> names =
                list(kind).found().stream().map(Resource::name).distinct().toList();
        List<String> dirs = places(kind).stream().map(p -> p.dir().toString()).toList();
        String problem = "no " + kind + " named '" + name + "' in " + String.join(", ", dirs);
        return Names.closest(name, names)
                .map(c -> FanoutException.badInput(problem + "; did you mean '" + c + "'?"))
                .orElseGet(() -> FanoutException.badInput(
                        problem,
                        Hint.command(kind.toString(), "list").before("; ").after(" shows them")));
    }

    static Resource read(ResourceKind kind, Path file, Origin origin) {
        return kind == ResourceKind.SKILL ? SkillDefinition.read(file, origin) : AgentDefinition.read(file, origin);
    }

    /** Every agent in every place, in lookup order, and the files that could not be read. */
    @SuppressWarnings("unchecked")
    public Listing<AgentDefinition> agents() {
        return (Listing<AgentDefinition>) (Listing<?>) list(ResourceKind.AGENT);
    }

    /** Every skill in every place, in lookup order, and the files that could not be read. */
    @SuppressWarnings("unchecked")
    public Listing<SkillDefinition> skills() {
        return (Listing<SkillDefinition>) (Listing<?>) list(ResourceKind.SKILL);
    }

    /** Every resource of a kind in every place, in lookup order, and the files that could not be read. */
    public Listing<Resource> list(ResourceKind kind) {
        List<Resource> found = new ArrayList<>();
        List<ResourceProblem> problems = new ArrayList<>();
        for (Place place : places(kind)) {
            scan(kind, place, found, problems);
        }
        return new Listing<>(found, problems);
    }

    /** The resources of one place, sorted by name. */
    public Listing<Resource> list(ResourceKind kind, Place place) {
        List<Resource> found = new ArrayList<>();
        List<ResourceProblem> problems = new ArrayList<>();
        scan(kind, place, found, problems);
        return new Listing<>(found, problems);
    }

    private static void scan(ResourceKind kind, Place place, List<Resource> found, List<ResourceProblem> problems) {
        if (!Files.isDirectory(place.dir())) {
            return;
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(place.dir())) {
            entries = s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(new ResourceProblem(place.dir(), 0, "cannot list the folder: " + e.getMessage()));
            return;
        }
        for (Path entry : entries) {
            String fileName = entry.getFileName().toString();
            Path file;
            String name;
            if (kind == ResourceKind.SKILL) {
                file = entry.resolve(SkillDefinition.FILE_NAME);
                name = fileName;
                if (!Files.isDirectory(entry) || !Files.isRegularFile(file)) {
                    continue; // not a skill folder: other files may live beside skills
                }
            } else {
                if (!fileName.endsWith(".md") || !Files.isRegularFile(entry)) {
                    continue;
                }
                file = entry;
                name = fileName.substring(0, fileName.length() - 3);
            }
            String problem = ResourceKind.nameProblem(name);
            if (problem != null) {
                problems.add(new ResourceProblem(
                        file,
                        0,
                        kind + " name '" + ResourceKind.printable(name) + "' (from the "
                                + (kind == ResourceKind.SKILL ? "folder" : "file") + " name) " + problem
                                + "; rename it to lowercase letters, digits and hyphens"));
                continue;
            }
            try {
                found.add(read(kind, file, place.origin()));
            } catch (LocatedException e) {
                problems.add(ResourceProblem.of(e));
            }
        }
    }
}
