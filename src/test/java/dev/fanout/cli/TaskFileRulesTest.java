package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.FanoutException;
import dev.fanout.config.Home;
import dev.fanout.session.Session;
import dev.fanout.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a tasks file means wherever fanout runs, and what analyze and detect refuse as run does (issue 12). */
class TaskFileRulesTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    @Test
    void analyzeAndDetectRefuseATaskWithNothingToRunAsRunDoes() throws IOException {
        Path file =
                write("t.json", "[{\"id\": \"a\", \"command\": \"true\"},\n {\"id\": \"b\", \"depends_on\": [\"a\"]}]");
        String expected = "error: " + file
                + ":2:2: task 'b' has nothing to run; give it a command, an agent and prompt, or a script";
        for (String command : List.of("analyze", "detect", "run")) {
            Cli.Result r = Cli.run(dir.resolve("home"), command, file.toString());
            assertEquals(2, r.exit(), command + ": " + r);
            assertEquals(List.of(expected), r.errLines(), command);
        }
    }

    @Test
    void analyzeRefusesACwdThatDoesNotExistNamingTheTaskAndThePath() throws IOException {
        Path file = write("t.json", "[{\"id\": \"a\", \"command\": \"true\", \"cwd\": \"nowhere\"}]");
        Cli.Result r = Cli.run(dir.resolve("home"), "analyze", file.toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals(
                List.of("error: " + file + ":1:2: task 'a': cwd " + dir.resolve("nowhere")
                        + " does not exist; create it, or correct the path (relative to the tasks file's folder)"),
                r.errLines());
    }

    @Test
    void aTimeoutOfZeroInATaskMeansNoLimitAsInTheConfig() throws IOException {
        Path file = write("t.json", "[{\"id\": \"a\", \"command\": \"sleep 0.2\", \"timeout_seconds\": 0}]");
        Cli.Result r = Cli.run(dir.resolve("home"), "run", "--set", "task_timeout_seconds=0.05", file.toString());
        assertEquals(0, r.exit(), r.toString());
    }

    @Test
    void commandsCwdAndScriptsAreRelativeToTheTasksFilesFolderWhereverFanoutRuns() throws IOException {
        write("project/data.txt", "from the project\n");
        write("project/sub/inner.txt", "from sub\n");
        write("project/s.js", "function (task) { return {script: task.id}; }\n");
        Path file = write("project/t.json", """
                [{"id": "plain", "command": ["cat", "data.txt"]},
                 {"id": "shell", "command": "test -f data.txt"},
                 {"id": "sub", "command": ["cat", "inner.txt"], "cwd": "sub"},
                 {"id": "js", "script": "s.js"}]
                """);
        // the test's working directory is the checkout, not the tasks file's folder
        assertTrue(!Path.of("").toAbsolutePath().equals(file.getParent()));
        Cli.Result r = Cli.run(dir.resolve("home"), "run", file.toString());
        assertEquals(0, r.exit(), r.toString());
    }

    @Test
    void aDuplicateHandAddedIdDoesNotBlameTheLoadedFile() throws IOException {
        Path file = write("t.json", "[{\"id\": \"a\", \"command\": \"true\"}]");
        Session session = new Session(new Home(dir.resolve("home")));
        session.load(file, false);
        session.addTask(Task.ofCommand("count", "true", List.of()));
        FanoutException e =
                assertThrows(FanoutException.class, () -> session.addTask(Task.ofCommand("count", "true", List.of())));
        assertEquals("duplicate task id 'count'; ids must be unique", e.getMessage());
        FanoutException twice =
                assertThrows(FanoutException.class, () -> session.addTask(Task.ofCommand("a", "true", List.of())));
        assertEquals("duplicate task id 'a' (first at " + file + ":1:2); ids must be unique", twice.getMessage());
        FanoutException unknown =
                assertThrows(FanoutException.class, () -> session.tasks().get("nope"));
        assertTrue(unknown.getMessage().startsWith("no task 'nope'"), unknown.getMessage());
    }

    @Test
    void aHandAddedIdLongerThanAFileNameIsRefusedSayingTheLimit() {
        Session session = new Session(new Home(dir.resolve("home")));
        FanoutException e = assertThrows(
                FanoutException.class, () -> session.addTask(Task.ofCommand("x".repeat(300), "true", List.of())));
        assertTrue(e.getMessage().endsWith("is 300 characters long; a task id has at most 200"), e.getMessage());
    }
}
