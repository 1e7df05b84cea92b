package dev.fanout.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.LocatedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strings and lists of strings are read without a JSON tree, and a file's repeated values are
 * kept once (FieldValues): the tasks read are the same as the file says, whatever the form.
 */
class TaskFileValuesTest {
    @TempDir
    Path dir;

    private static TaskSet read(String json) {
        return new TaskFileReader()
                .read("t.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), false);
    }

    @Test
    void randomTasksReadBackAsTheirOwnJsonWhateverTheListLengths() {
        Random random = new Random(15);
        for (int round = 0; round < 50; round++) {
            ArrayNode file = JsonNodeFactory.instance.arrayNode();
            List<String> ids = new ArrayList<>();
            int n = 1 + random.nextInt(30);
            for (int i = 0; i < n; i++) {
                ObjectNode task = JsonNodeFactory.instance.objectNode();
                String id = "t" + i + (random.nextBoolean() ? "" : "_x" + random.nextInt(9));
                // the id at the start, the end or in between: fields before it wait for it
                List<Runnable> fields = new ArrayList<>();
                if (random.nextBoolean()) {
                    fields.add(() -> task.put("type", random.nextBoolean() ? "build" : "test"));
                }
                if (!ids.isEmpty() && random.nextBoolean()) {
                    fields.add(() -> {
                        ArrayNode deps = task.putArray("depends_on");
                        int k = random.nextInt(Math.min(ids.size(), 8) + 1);
                        for (String d : ids.subList(ids.size() - k, ids.size())) {
                            deps.add(d);
                        }
                    });
                }
                fields.add(() -> {
                    if (random.nextInt(4) == 0) {
                        task.put("command", "echo " + id);
                    } else {
                        ArrayNode argv = task.putArray("command");
                        argv.add(random.nextBoolean() ? "echo" : "printf");
                        for (int a = random.nextInt(8); a > 0; a--) {
                            argv.add(a == 1 ? "é" + id : "arg" + a);
                        }
                    }
                });
                if (random.nextBoolean()) {
                    fields.add(() -> task.put("estimated_seconds", random.nextInt(500) / 4.0));
                }
                if (random.nextInt(4) == 0) {
                    fields.add(() -> {
                        ArrayNode in = task.putArray("inputs");
                        for (int a = random.nextInt(7); a > 0; a--) {
                            in.add("src/" + a + "/*.c");
                        }
                        task.putArray("outputs").add("out/" + id);
                        task.putArray("env_inputs").add("CC");
                    });
                }
                fields.add(random.nextInt(fields.size() + 1), () -> task.put("id", id));
                fields.forEach(Runnable::run);
                ids.add(id);
                file.add(task);
            }
            TaskSet set = read(file.toString());
            ArrayNode back = TaskJson.toJson(set);
            assertEquals(n, back.size());
            for (int i = 0; i < n; i++) {
                // the same fields and values (an empty list is as good as none; TaskJson writes
                // neither, and its own field order)
                ObjectNode expected = ((ObjectNode) file.get(i)).deepCopy();
                List<String> empty = new ArrayList<>();
                expected.properties().forEach(f -> {
                    if (f.getValue().isArray() && f.getValue().isEmpty()) {
                        empty.add(f.getKey());
                    }
                });
                expected.remove(empty);
                assertEquals(expected, back.get(i), "round " + round + ", task " + i);
            }
        }
    }

    @Test
    void tasksWithoutACwdShareTheFilesFolderAndTypesAndProgramsAreKeptOnce() throws IOException {
        Path file = dir.resolve("tasks.json");
        Files.writeString(file, """
                [{"id": "a", "type": "build", "command": ["make", "a"]},
                 {"id": "b", "type": "build", "command": ["make", "b"], "depends_on": ["a"]},
                 {"id": "c", "cwd": "sub", "command": "true"}]
                """);
        TaskSet set = new TaskFileReader().read(file);
        Task a = set.get("a");
        Task b = set.get("b");
        assertEquals(dir.toString(), a.cwd());
        assertSame(a.cwd(), b.cwd());
        assertEquals(dir.resolve("sub").toString(), set.get("c").cwd());
        assertSame(a.type(), b.type());
        assertSame(a.command().argv().get(0), b.command().argv().get(0));
        assertEquals(List.of("make", "b"), b.command().argv());
    }

    @Test
    void anOddItemFarIntoAListIsNamedByItsNumber() {
        LocatedException e = assertThrows(
                LocatedException.class,
                () -> read(
                        "[{\"id\": \"a\", \"inputs\": [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", {\"x\": 1}, \"8\"]}]"));
        assertEquals(
                "t.json:1:14: task 'a': inputs must be a list of strings, but item 7 is an object", e.getMessage());
    }

    @Test
    void anOddItemInACommandBeforeTheIdIsNamedAtTheField() {
        LocatedException e =
                assertThrows(LocatedException.class, () -> read("[{\"command\": [\"make\", 2], \"id\": \"a\"}]"));
        assertEquals("t.json:1:3: task 'a': command must be a list of strings, but item 2 is 2", e.getMessage());
    }

    @Test
    void anOddItemInACommandIsNamedAfterAKeptProgram() {
        LocatedException e = assertThrows(
                LocatedException.class,
                () -> read("[{\"id\": \"a\", \"command\": [\"make\"]}, {\"id\": \"b\", \"command\": [\"make\", 2]}]"));
        assertEquals("t.json:1:48: task 'b': command must be a list of strings, but item 2 is 2", e.getMessage());
    }
}
