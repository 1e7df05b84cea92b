package dev.fanout.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.LocatedException;
import dev.fanout.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFileReaderTest {
    @TempDir
    Path dir;

    private TaskSet read(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return new TaskFileReader().read(file);
    }

    @Test
    void readsEveryFieldOfAJsonTask() throws IOException {
        TaskSet set = read("tasks.json", """
                [
                  {"id": "fetch", "command": "curl -s example.org"},
                  {"id": "build.api_2-x", "type": "build", "description": "builds the API",
                   "depends_on": ["fetch"], "estimated_seconds": 12.5,
                   "command": ["make", "-C", "api"], "cwd": "api", "env": {"MODE": "fast", "N": 3, "ON": true},
                   "timeout_seconds": 90, "retries": 2, "no_retry_exit_codes": [2, 64], "inputs": ["api/src", "Makefile"],
                   "outputs": ["api/bin/*"], "env_inputs": ["CC"], "cache": true},
                  {"id": "review", "agent": "reviewer", "prompt": "Review the API", "depends_on": ["build.api_2-x"]},
                  {"id": "sum", "script": "function (r) { return 1; }"}
                ]
                """);
        assertEquals(List.of("fetch", "build.api_2-x", "review", "sum"), set.ids());
        Task fetch = set.get("fetch");
        assertEquals(TaskCommand.shell("curl -s example.org"), fetch.command());
        assertEquals(Task.Kind.COMMAND, fetch.kind());
        assertNull(fetch.estimatedSeconds());
        assertEquals(1.0, fetch.estimateOrUnit());
        assertEquals("untyped", fetch.typeOrDefault());

        Task build = set.get("build.api_2-x");
        assertEquals("build", build.type());
        assertEquals("builds the API", build.description());
        assertEquals(List.of("fetch"), build.dependsOn());
        assertEquals(12.5, build.estimatedSeconds());
        assertEquals(TaskCommand.argv(List.of("make", "-C", "api")), build.command());
        assertFalse(build.command().isShell());
        assertEquals(dir.resolve("api").toString(), build.cwd(), "relative to the file's folder");
        assertEquals(Map.of("MODE", "fast", "N", "3", "ON", "true"), build.env());
        assertEquals(90.0, build.timeoutSeconds());
        assertEquals(2, build.retries());
        assertEquals(List.of(2, 64), build.noRetryExitCodes());
        assertEquals(
                List.of(
                        dir.resolve("api/src").toString(),
                        dir.resolve("Makefile").toString()),
                build.inputs());
        assertEquals(new Caching(List.of("api/bin/*"), List.of("CC"), true), build.caching());
        assertEquals(Caching.NONE, fetch.caching());
        assertEquals(new Location(dir.resolve("tasks.json").toString(), 3, 3), build.position());

        Task review = set.get("review");
        assertEquals(Task.Kind.AGENT, review.kind());
        assertEquals("reviewer", review.agent());
        assertEquals("Review the API", review.prompt());

        Task sum = set.get("sum");
        assertEquals(Task.Kind.SCRIPT, sum.kind());
        assertEquals("function (r) { return 1; }", sum.script());
        assertNull(set.config());
    }

    @Test
    void theCacheFieldsSurviveARunRecordOrSnapshot() throws IOException {
        TaskSet set = read("tasks.json", """
                [{"id": "b", "command": "make", "inputs": ["src/**", "!src/gen"], "outputs": ["bin/*"],
                  "env_inputs": ["CC", "CFLAGS"], "cache": false}]
                """);
        TaskSet back = TaskJson.fromJson("record", TaskJson.toJson(set));
        assertEquals(set.get("b").caching(), back.get("b").caching());
        assertEquals(
                List.of(dir.resolve("src/**").toString(), "!" + dir.resolve("src/gen")),
                back.get("b").inputs(),
                "relative to the file's folder, an exclude keeping its '!'");
    }

    @Test
    void readsAnObjectWithTasksAndConfigAndKnowsWhereEachKeyIs() throws IOException {
        TaskSet set = read("tasks.json", """
                {
                  "config": {"max_parallel_tasks": 4,
                             "enabled": false},
                  "tasks": [{"id": "a"}, {"id": "b", "depends_on": ["a"]}]
                }
                """);
        assertEquals(List.of("a", "b"), set.ids());
        assertEquals(4, set.config().get("max_parallel_tasks").intValue());
        assertFalse(set.config().get("enabled").booleanValue());
        String file = dir.resolve("tasks.json").toString();
        assertEquals(new Location(file, 2, 14), set.configPositions().get("max_parallel_tasks"));
        assertEquals(new Location(file, 3, 14), set.configPositions().get("enabled"));
    }

    @Test
    void yamlAliasesGiveTheAnchoredValue() throws IOException {
        TaskSet set = read("aliases.yaml", """
                - id: a
                  command: &cmd [echo, hello]
                  env: &envs {MODE: fast, N: 3}
                - id: b
                  command: *cmd
                  env: *envs
                - id: c
                  command: &argv [ls, -l]
                  depends_on: [a]
                - id: d
                  command: *argv
                  depends_on: &deps [a, b]
                - id: e
                  command: "true"
                  depends_on: *deps
                """);
        assertEquals(TaskCommand.argv(List.of("echo", "hello")), set.get("b").command());
        assertEquals(Map.of("MODE", "fast", "N", "3"), set.get("b").env());
        assertEquals(TaskCommand.argv(List.of("ls", "-l")), set.get("d").command());
        assertEquals(List.of("a", "b"), set.get("e").dependsOn());
    }

    @Test
    void anAliasOfASingleValueIsRefusedAtItsPlaceNotReadAsItsName() {
        LocatedException e =
                org.junit.jupiter.api.Assertions.assertThrows(LocatedException.class, () -> read("t.yaml", """
                - id: a
                  command: &cmd "echo hello"
                - id: b
                  command: *cmd
                """));
        assertTrue(e.getMessage().contains("t.yaml:4:"), e.getMessage());
        assertTrue(e.getMessage().contains("*cmd names no list or object"), e.getMessage());
    }

    @Test
    void readsYamlAsABareListOrAnObject() throws IOException {
        TaskSet list = read("tasks.yaml", """
                # a comment
                - id: lint
                  type: testing
                  estimated_seconds: 30
                  command: [npm, run, lint]
                - id: test
                  depends_on: [lint]
                  command: npm test
                  env: {CI: "1"}
                """);
        assertEquals(List.of("lint", "test"), list.ids());
        assertEquals(
                TaskCommand.argv(List.of("npm", "run", "lint")),
                list.get("lint").command());
        assertEquals(30.0, list.get("lint").estimatedSeconds());
        assertEquals(List.of("lint"), list.get("test").dependsOn());
        assertEquals(Map.of("CI", "1"), list.get("test").env());
        assertEquals(6, list.get("test").position().line());

        TaskSet object = read("tasks.yml", """
                config:
                  min_speedup_threshold: 1.2
                tasks:
                  - id: a
                    prompt: |
                      two
                      lines
                    agent: writer
                """);
        assertEquals("two\nlines\n", object.get("a").prompt());
        assertEquals(1.2, object.config().get("min_speedup_threshold").doubleValue());
        assertEquals(2, object.configPositions().get("min_speedup_threshold").line());
    }

    @Test
    void readsTheIdFirstSoEveryMessageCanNameTheTask() {
        LocatedException e = org.junit.jupiter.api.Assertions.assertThrows(
                LocatedException.class, () -> read("tasks.json", "[{\"retries\": -1, \"id\": \"late\"}]"));
        assertEquals("task 'late': retries must not be negative (got -1)", e.problem());
        assertEquals(1, e.line());
        assertEquals(3, e.column());
    }

    @Test
    void anEmptyListIsAValidSetOfNoTasks() throws IOException {
        assertTrue(read("tasks.json", "[]").isEmpty());
        assertTrue(read("tasks.json", "{\"tasks\": []}").isEmpty());
    }

    @Test
    void readsEveryShippedExample() {
        for (String example : List.of(
                "three-services.json", "five-test-suites.json", "ten-tasks.json", "two-tasks.json", "chain.yaml")) {
            TaskSet set = new TaskFileReader().read(Path.of("examples", example));
            assertFalse(set.isEmpty(), example);
        }
    }
}
