package dev.fanout.agent;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What the registry knows of one temporary resource.
 *
 * @param path         its file, as recorded (actions use the file's place under the home)
 * @param capabilities a skill's capabilities (empty for agents)
 * @param tools        an agent's tools (empty for skills)
 * @param lastUsed     when it was last used, or null when never
 */
public record RegistryEntry(
        ResourceKind kind,
        String name,
        Path path,
        String description,
        List<String> capabilities,
        List<String> tools,
        CreatedBy createdBy,
        Instant createdAt,
        Instant lastUsed,
        int usageCount,
        boolean useful) {

    public RegistryEntry {
        capabilities = List.copyOf(capabilities);
        tools = List.copyOf(tools);
    }

    /** An entry for a resource just created (or first seen) at {@code at}, never used. */
    public static RegistryEntry of(Resource r, CreatedBy createdBy, Instant at) {
        List<String> capabilities = r instanceof SkillDefinition s ? s.capabilities() : List.of();
        List<String> tools = r instanceof AgentDefinition a ? a.tools() : List.of();
        return new RegistryEntry(
                r.kind(), r.name(), r.path(), r.description(), capabilities, tools, createdBy, at, null, 0, false);
    }

    /** The key entries are stored under: {@code kind/name}. */
    public String key() {
        return key(kind, name);
    }

    static String key(ResourceKind kind, String name) {
        return kind.label() + "/" + name;
    }

    /** This entry after one more use at {@code at}. */
    public RegistryEntry used(Instant at) {
        return new RegistryEntry(
                kind, name, path, description, capabilities, tools, createdBy, createdAt, at, usageCount + 1, useful);
    }

    /** This entry marked (or unmarked) useful. */
    public RegistryEntry useful(boolean isUseful) {
        return new RegistryEntry(
                kind,
                name,
                path,
                description,
                capabilities,
                tools,
                createdBy,
                createdAt,
                lastUsed,
                usageCount,
                isUseful);
    }
}
