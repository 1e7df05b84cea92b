package dev.fanout.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.FanoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void defaultsAreTheOriginalToolsPlusRetries() {
        Config c = Config.defaults();
        assertTrue(c.enabled());
        assertEquals(3, c.minTasksForParallel());
        assertEquals(1.5, c.minSpeedupThreshold());
        assertEquals(2.0, c.mixedSpeedupThreshold());
        assertEquals(10, c.maxParallelTasks());
        assertEquals(600.0, c.taskTimeoutSeconds());
        assertTrue(c.autoCreateTempResources());
        assertTrue(c.autoCleanupTempResources());
        assertEquals(30, c.tempResourceRetentionDays());
        assertEquals(3, c.maxRetries());
        assertEquals(2.0, c.backoffBaseSeconds());
        assertFalse(c.allowJava());
        assertEquals(List.of(), c.agentDirs());
        for (ConfigKey key : ConfigKeys.all()) {
            assertEquals("default", c.origin(key), key.name());
        }
    }

    @Test
    void eachLayerWinsOverTheOnesBeforeItAndRemembersWhereEachValueCameFrom() {
        Config c = Config.defaults()
                .withJson(
                        "/home/config.json",
                        json("{\"max_parallel_tasks\": 4, \"max_retries\": 1, \"enabled\": false}"))
                .withJson("tasks.json (config)", json("{\"max_parallel_tasks\": 6, \"min_speedup_threshold\": 1.2}"))
                .withText("command-line flag", Map.of("max_parallel_tasks", "8"));
        assertEquals(8, c.maxParallelTasks());
        assertEquals("command-line flag", c.origin(ConfigKeys.MAX_PARALLEL_TASKS));
        assertEquals(1.2, c.minSpeedupThreshold());
        assertEquals("tasks.json (config)", c.origin(ConfigKeys.MIN_SPEEDUP_THRESHOLD));
        assertEquals(1, c.maxRetries());
        assertFalse(c.enabled());
        assertEquals("/home/config.json", c.origin(ConfigKeys.ENABLED));
        assertEquals(600.0, c.taskTimeoutSeconds());
        assertEquals("default", c.origin(ConfigKeys.TASK_TIMEOUT_SECONDS));
    }

    @Test
    void textValuesParseByTheKeysType() {
        Config c = Config.defaults()
                .withText(
                        "flag",
                        new LinkedHashMap<>(Map.of(
                                "enabled",
                                "no",
                                "allow_java",
                                "YES",
                                "backoff_base_seconds",
                                "0.5",
                                "agent_dirs",
                                "a, b,c",
                                "skill_dirs",
                                "",
                                "task_timeout_seconds",
                                "0")));
        assertFalse(c.enabled());
        assertTrue(c.allowJava());
        assertEquals(0.5, c.backoffBaseSeconds());
        assertEquals(List.of("a", "b", "c"), c.agentDirs());
        assertEquals(List.of(), c.skillDirs());
        assertEquals(0.0, c.taskTimeoutSeconds());
    }

    @Test
    void aJsonNullOrMissingConfigChangesNothing() {
        assertEquals(Config.defaults(), Config.defaults().withJson("x", null));
        assertEquals(Config.defaults(), Config.defaults().withJson("x", json("null")));
    }

    static Stream<Arguments> badJson() {
        return Stream.of(
                Arguments.of(
                        "{\"max_paralel_tasks\": 3}",
                        "unknown config key 'max_paralel_tasks' (did you mean 'max_parallel_tasks'?)"),
                Arguments.of("{\"colour\": 3}", "unknown config key 'colour'; 'fanout config show' lists the keys"),
                Arguments.of(
                        "{\"max_parallel_tasks\": \"3\"}",
                        "config key 'max_parallel_tasks' must be a whole number, not the string \"3\""),
                Arguments.of(
                        "{\"max_parallel_tasks\": 2.5}",
                        "config key 'max_parallel_tasks' must be a whole number, not 2.5"),
                Arguments.of(
                        "{\"max_parallel_tasks\": 0}", "config key 'max_parallel_tasks' must be at least 1, not 0"),
                Arguments.of(
                        "{\"min_speedup_threshold\": -1}",
                        "config key 'min_speedup_threshold' must be at least 0, not -1"),
                Arguments.of(
                        "{\"enabled\": \"yes\"}", "config key 'enabled' must be true or false, not the string \"yes\""),
                Arguments.of("{\"enabled\": null}", "config key 'enabled' must be true or false, not null"),
                Arguments.of(
                        "{\"agent_command\": \"claude -p\"}",
                        "config key 'agent_command' must be a list of strings, not the string \"claude -p\""),
                Arguments.of(
                        "{\"agent_dirs\": [\"a\", 1]}",
                        "config key 'agent_dirs' must be a list of strings, but item 2 is 1"),
                Arguments.of("[1]", "config must be an object of settings, not a list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badJson")
    void aBadKeyOrValueIsAnErrorNamingIt(String settings, String expected) {
        FanoutException e =
                assertThrows(FanoutException.class, () -> Config.defaults().withJson("c.json", json(settings)));
        assertEquals("c.json: " + expected, e.getMessage());
        assertEquals(FanoutException.BAD_INPUT, e.exitCode());
    }

    @Test
    void aBadKeyFromAFileNamesItsPosition() {
        FanoutException e = assertThrows(
                FanoutException.class,
                () -> Config.defaults()
                        .withJson(
                                "tasks.json (config)",
                                json("{\"enabled\": true, \"max_retries\": -2}"),
                                Map.of("max_retries", "tasks.json:3:5")));
        assertEquals("tasks.json:3:5: config key 'max_retries' must be at least 0, not -2", e.getMessage());
    }

    static Stream<Arguments> badText() {
        return Stream.of(
                Arguments.of(
                        "max_parallel_tasks",
                        "many",
                        "config key 'max_parallel_tasks' must be a whole number, not 'many'"),
                Arguments.of("max_parallel_tasks", "0", "config key 'max_parallel_tasks' must be at least 1, not 0"),
                Arguments.of("enabled", "maybe", "config key 'enabled' must be true or false, not 'maybe'"),
                Arguments.of(
                        "backoff_base_seconds", "NaN", "config key 'backoff_base_seconds' must be a number, not 'NaN'"),
                Arguments.of(
                        "max_paralell_tasks",
                        "3",
                        "unknown config key 'max_paralell_tasks' (did you mean 'max_parallel_tasks'?)"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badText")
    void aBadFlagIsAnErrorNamingTheKey(String key, String value, String expected) {
        FanoutException e = assertThrows(
                FanoutException.class, () -> Config.defaults().withText("command-line flag", Map.of(key, value)));
        assertEquals("command-line flag: " + expected, e.getMessage());
    }
}
