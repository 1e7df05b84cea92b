package dev.fanout.agent;

import java.nio.file.Path;

/** A skill or an agent, as read from its file. */
public sealed interface Resource permits SkillDefinition, AgentDefinition {
    String name();

    String description();

    /** The file it was read from ({@code NAME.md}, or {@code NAME/SKILL.md}). */
    Path path();

    Origin origin();

    /** Whether it lives in the temporary folder (tracked in the registry, subject to cleanup). */
    boolean temporary();

    /** Its Markdown body: a skill's instructions, an agent's system prompt. */
    String body();

    /** The text of its file. */
    String toMarkdown();

    default ResourceKind kind() {
        return this instanceof SkillDefinition ? ResourceKind.SKILL : ResourceKind.AGENT;
    }

    /** Whether the two say the same thing under any name (false for different kinds). */
    default boolean sameContentAs(Resource other) {
        if (this instanceof SkillDefinition a && other instanceof SkillDefinition b) {
            return a.sameContent(b);
        }
        if (this instanceof AgentDefinition a && other instanceof AgentDefinition b) {
            return a.sameContent(b);
        }
        return false;
    }
}
