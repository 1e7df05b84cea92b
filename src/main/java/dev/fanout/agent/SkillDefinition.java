package dev.fanout.agent;

import dev.fanout.LocatedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A skill: the folder {@code NAME/} holding {@code SKILL.md}, in the Agent Skills format
 * (frontmatter {@code name}, {@code description}, optional {@code metadata}, where fanout keeps
 * its own fields). The body says what the skill is for; its capabilities are the items under a
 * {@code ## Capabilities} heading.
 *
 * @param path the SKILL.md file
 */
public record SkillDefinition(
        String name,
        String description,
        List<String> capabilities,
        String body,
        Map<String, String> metadata,
        Path path,
        Origin origin)
        implements Resource {
    public static final String FILE_NAME = "SKILL.md";
    /** The Agent Skills limit on a description. */
    public static final int MAX_DESCRIPTION = 1024;

    private static final Pattern CAPABILITIES = Pattern.compile("(?i)#{1,6}\\s+capabilities\\s*");
    private static final Pattern LIST_ITEM = Pattern.compile("\\s{0,3}[-*+]\\s+(.*)");

    public SkillDefinition {
        capabilities = List.copyOf(capabilities);
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public boolean temporary() {
        return origin == Origin.TEMPORARY;
    }

    /**
     * Reads {@code NAME/SKILL.md}, written by fanout, by hand or by another tool.
     *
     * @throws LocatedException naming the file and line when it is not a valid skill
     */
    public static SkillDefinition read(Path file, Origin origin) {
        Frontmatter fm = Frontmatter.read(file);
        Path dir = file.toAbsolutePath().getParent();
        String folder = dir == null || dir.getFileName() == null
                ? ""
                : dir.getFileName().toString();
        String name = fm.text("name");
        if (name == null) {
            throw fm.error("name", "the skill has no 'name'; add 'name: " + folder + "' to the frontmatter");
        }
        String problem = ResourceKind.nameProblem(name);
        if (problem != null) {
            throw fm.error(
                    "name",
                    "skill name '" + ResourceKind.printable(name) + "' " + problem
                            + " (lowercase letters, digits and hyphens, at most " + ResourceKind.MAX_NAME_LENGTH
                            + " characters)");
        }
        if (!name.equals(folder)) {
            throw fm.error(
                    "name",
                    "skill name '" + name + "' differs from its folder '" + folder
                            + "'; a skill's folder must carry its name");
        }
        String description = fm.text("description");
        if (description == null) {
            throw fm.error(
                    "description",
                    "the skill has no 'description'; add one line saying what it does and when to use it");
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw fm.error(
                    "description",
                    "the description is " + description.length() + " characters long; at most " + MAX_DESCRIPTION
                            + " are allowed");
        }
        return new SkillDefinition(
                name, description, capabilitiesIn(fm.body()), fm.body(), fm.stringMap("metadata"), file, origin);
    }

    /** The items of the first "Capabilities" section of a Markdown body. */
    static List<String> capabilitiesIn(String body) {
        List<String> items = new ArrayList<>();
        boolean inSection = false;
        for (String line : body.split("\r?\n", -1)) {
            if (!inSection) {
                inSection = CAPABILITIES.matcher(line).matches();
                continue;
            }
            if (line.startsWith("#")) {
                break;
            }
            var item = LIST_ITEM.matcher(line);
            if (item.matches()) {
                items.add(item.group(1).trim());
            }
        }
        return items;
    }

    /** The file's text; reading it back gives this skill again. */
    public String toMarkdown() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("description", description);
        fields.put("metadata", metadata);
        return Frontmatter.format(fields, body);
    }

    /** Whether the two say the same thing under any name: same description and body. */
    public boolean sameContent(SkillDefinition other) {
        return description.equals(other.description) && body.strip().equals(other.body.strip());
    }
}
