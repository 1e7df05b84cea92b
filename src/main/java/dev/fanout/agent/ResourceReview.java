package dev.fanout.agent;

import dev.fanout.Hint;
import dev.fanout.LocatedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Looks at every temporary resource, registered or not, gathers what the lifecycle rules need
 * (is the file there, is it redundant) and asks them.
 */
final class ResourceReview {
    private final Catalog catalog;
    private final Lifecycle lifecycle;

    ResourceReview(Catalog catalog, Lifecycle lifecycle) {
        this.catalog = catalog;
        this.lifecycle = lifecycle;
    }

    /** A status for every entry and for every temporary file no entry names, by kind and name. */
    List<ResourceStatus> statuses(List<RegistryEntry> entries) {
        Map<ResourceKind, List<Resource>> lasting = new EnumMap<>(ResourceKind.class);
        for (ResourceKind k : ResourceKind.values()) {
            List<Resource> found = new ArrayList<>();
            catalog.places(k).stream()
                    .filter(p -> p.origin() != Origin.TEMPORARY)
                    .forEach(p -> found.addAll(catalog.list(k, p).found()));
            lasting.put(k, found);
        }
        List<ResourceStatus> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RegistryEntry e : entries) {
            seen.add(e.key());
            Path file = Catalog.fileIn(catalog.temporaryDir(e.kind()), e.kind(), e.name());
            boolean exists = Files.isRegularFile(file);
            String redundancy = exists ? redundancy(e.kind(), e.name(), file, lasting.get(e.kind())) : null;
            out.add(new ResourceStatus(e, true, exists, lifecycle.decide(e, exists, redundancy)));
        }
        for (ResourceKind k : ResourceKind.values()) {
            for (Resource r : catalog.list(k, catalog.temporaryPlace(k)).found()) {
                if (seen.contains(RegistryEntry.key(k, r.name()))) {
                    continue;
                }
                RegistryEntry made = RegistryEntry.of(r, CreatedBy.HAND, modified(r.path()));
                out.add(new ResourceStatus(
                        made,
                        false,
                        true,
                        new LifecycleDecision(
                                k,
                                r.name(),
                                LifecycleDecision.Rule.UNTRACKED,
                                "not in the registry, so never deleted"
                                        + Hint.command("resources", "mark-used", "--name", r.name())
                                                .before("; ")
                                                .after(" starts tracking it"))));
            }
        }
        out.sort(Comparator.comparing((ResourceStatus s) -> s.entry().kind())
                .thenComparing(s -> s.entry().name()));
        return out;
    }

    private java.time.Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return lifecycle.now();
        }
    }

    /** What makes a temporary resource redundant, or null when nothing does. */
    private String redundancy(ResourceKind kind, String name, Path file, List<Resource> lasting) {
        for (Catalog.Place place : catalog.places(kind)) {
            Path same = Catalog.fileIn(place.dir(), kind, name);
            if (place.origin() != Origin.TEMPORARY && Files.isRegularFile(same)) {
                return phrase(place.origin(), kind) + " of the same name exists: " + same;
            }
        }
        Resource temporary;
        try {
            temporary = Catalog.read(kind, file, Origin.TEMPORARY);
        } catch (LocatedException e) {
            return null; // an unreadable file matches nothing; 'resources list' reports it
        }
        for (Resource r : lasting) {
            if (temporary.sameContentAs(r)) {
                return "same content as " + phrase(r.origin(), kind) + " '" + r.name() + "' (" + r.path() + ")";
            }
        }
        return null;
    }

    /** "a permanent agent", or "an agent in agent_dirs". */
    static String phrase(Origin origin, ResourceKind kind) {
        return switch (origin) {
            case PERMANENT -> "a permanent " + kind;
            case EXTRA -> (kind == ResourceKind.AGENT ? "an " : "a ") + kind + " in " + kind + "_dirs";
            case TEMPORARY -> "a temporary " + kind;
        };
    }
}
