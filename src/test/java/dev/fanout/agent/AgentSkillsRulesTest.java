package dev.fanout.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.config.Config;
import dev.fanout.config.Home;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * A skill written by fanout is a valid Agent Skills skill, checked the way another tool would
 * read it: the frontmatter parsed by a plain YAML loader (SnakeYAML, YAML 1.1 rules, which turn
 * unquoted dates and yes/no into other types), then the specification's rules.
 */
class AgentSkillsRulesTest {
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Set<String> ALLOWED =
            Set.of("name", "description", "license", "compatibility", "metadata", "allowed-tools");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Expert in migrating REST APIs to GraphQL",
                "Use when: the task says \"GraphQL\"; not for REST-only work. # not a comment",
                "yes",
                "2025-01-31",
                "x"
            })
    void aSkillWrittenByFanoutFollowsTheAgentSkillsRules(
            String description, @org.junit.jupiter.api.io.TempDir Path root) throws IOException {
        Resources resources = new Resources(new Home(root), Config.defaults(), Clock.systemUTC());
        String longest = "a".repeat(63) + "z";
        for (String name : List.of("graphql-migration-expert", longest)) {
            SkillDefinition skill = resources.createTemporarySkill(
                    new SkillSpec(name, description, List.of("Analyze REST endpoints", "Generate: resolvers")),
                    CreatedBy.AUTO);
            check(skill.path(), description);
        }
        String full = "d".repeat(SkillDefinition.MAX_DESCRIPTION);
        check(
                resources
                        .createTemporarySkill(new SkillSpec("full-description", full, List.of()), CreatedBy.HAND)
                        .path(),
                full);
    }

    private static void check(Path file, String description) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.startsWith("---\n"), "frontmatter first");
        String yaml = text.substring(4, text.indexOf("\n---\n", 4) + 1);
        Object loaded = new Yaml().load(yaml);
        Map<?, ?> fm = assertInstanceOf(Map.class, loaded);
        assertTrue(ALLOWED.containsAll(fm.keySet()), "only Agent Skills keys: " + fm.keySet());

        String name = assertInstanceOf(String.class, fm.get("name"));
        assertTrue(NAME.matcher(name).matches() && name.length() <= 64, name);
        assertEquals(file.getParent().getFileName().toString(), name, "the folder carries the name");
        assertEquals(SkillDefinition.FILE_NAME, file.getFileName().toString());

        String desc = assertInstanceOf(String.class, fm.get("description"));
        assertTrue(!desc.isEmpty() && desc.length() <= 1024, "description of " + desc.length());
        assertEquals(description, desc);

        Map<?, ?> metadata = assertInstanceOf(Map.class, fm.get("metadata"));
        metadata.forEach((k, v) -> {
            assertInstanceOf(String.class, k);
            assertInstanceOf(String.class, v, "metadata values are strings: " + k);
        });
    }
}
