package dev.fanout.agent;

import dev.fanout.FanoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a new skill is made from: a name, a description, and its capabilities.
 *
 * @throws FanoutException (bad input) from the constructor for a bad name, a missing or long
 *     description, or a blank or multi-line capability
 */
public record SkillSpec(String name, String description, List<String> capabilities) {

    public SkillSpec {
        ResourceKind.SKILL.checkName(name);
        description = ResourceKind.SKILL.checkDescription(description);
        List<String> clean = new ArrayList<>();
        for (String c : capabilities == null ? List.<String>of() : capabilities) {
            if (c == null || c.isBlank()) {
                throw FanoutException.badInput(
                        "skill '" + name + "': a capability is empty; give each one as a short phrase");
            }
            if (c.contains("\n") || c.contains("\r")) {
                throw FanoutException.badInput("skill '" + name + "': capability '" + ResourceKind.printable(c)
                        + "' spans lines; give each capability as one line");
            }
            clean.add(c.strip());
        }
        capabilities = List.copyOf(clean);
    }

    /** The Markdown body: what the skill is, its capabilities, when to use it. */
    public String body() {
        StringBuilder b = new StringBuilder("# ")
                .append(name)
                .append("\n\n")
                .append(description)
                .append("\n\n");
        if (!capabilities.isEmpty()) {
            b.append("## Capabilities\n\n");
            capabilities.forEach(c -> b.append("- ").append(c).append('\n'));
            b.append('\n');
        }
        b.append("## When to use\n\nUse this skill for work that matches the description above")
                .append(capabilities.isEmpty() ? ".\n" : " and needs one of its capabilities.\n");
        return b.toString();
    }
}
