package dev.fanout.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fanout.FanoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HomeTest {
    @TempDir
    Path dir;

    @Test
    void theHomeIsTheFlagThenFanoutHomeThenTheUsersFolder() {
        assertEquals(
                dir.resolve("a"),
                Home.resolve(dir.resolve("a"), Map.of("FANOUT_HOME", "/elsewhere"))
                        .root());
        assertEquals(
                Path.of("/elsewhere"),
                Home.resolve(null, Map.of("FANOUT_HOME", "/elsewhere")).root());
        assertEquals(
                Path.of(System.getProperty("user.home"), ".fanout"),
                Home.resolve(null, Map.of("FANOUT_HOME", " ")).root());
        Home home = new Home(dir);
        assertEquals(dir.resolve("temp/registry.json"), home.registryFile());
        assertEquals(dir.resolve("skills"), home.skillsDir());
    }

    @Test
    void noConfigFileMeansTheDefaults() {
        assertEquals(Config.defaults(), new Home(dir).loadConfig());
    }

    @Test
    void theConfigFileOverridesTheDefaultsAndIsNamedAsTheirOrigin() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"max_parallel_tasks\": 4, \"enabled\": false}");
        Config c = new Home(dir).loadConfig();
        assertEquals(4, c.maxParallelTasks());
        assertFalse(c.enabled());
        assertEquals(dir.resolve("config.json").toString(), c.origin(ConfigKeys.MAX_PARALLEL_TASKS));
        assertEquals("default", c.origin(ConfigKeys.MAX_RETRIES));
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of(
                        "",
                        ": the file is empty; write an object of settings such as {\"max_parallel_tasks\": 4}, or delete it"),
                Arguments.of("[]", ":1:1: config must be an object of settings, not a list"),
                Arguments.of(
                        "{\"max_parallel_tasks\": 4,",
                        ":1:26: not valid JSON: Unexpected end-of-input within/between Object entries"),
                Arguments.of(
                        "{\"max_parallel_tasks\": 4,\n \"max_parallel_tasks\": 5}",
                        ":2:22: not valid JSON: Duplicate field 'max_parallel_tasks'"),
                Arguments.of(
                        "{\"enabled\": true,\n \"max_retries\": \"3\"}",
                        ":2:2: config key 'max_retries' must be a whole number, not the string \"3\""),
                Arguments.of(
                        "{\n  \"max_paralel_tasks\": 3}",
                        ":2:3: unknown config key 'max_paralel_tasks' (did you mean 'max_parallel_tasks'?)"),
                Arguments.of("{} {}", ":1:4: unexpected content after the settings object"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("broken")
    void aBrokenConfigFileIsOneLineNamingTheFileAndPlace(String content, String expected) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, content);
        FanoutException e = assertThrows(FanoutException.class, () -> new Home(dir).loadConfig());
        assertEquals(file + expected, e.getMessage());
        assertEquals(FanoutException.BAD_INPUT, e.exitCode());
    }
}
