package dev.fanout.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The catalogue of broken tasks files and the one line each must give, shared by the reader's
 * tests and the command line's. {@code expected} is the message after the file's path.
 */
public record BadTaskFile(String name, String fileName, String content, Stage stage, String expected) {

    /** What finds the problem: the reader, the graph (cycles), or the configuration. */
    public enum Stage {
        READ,
        GRAPH,
        CONFIG
    }

    /** Content meaning "create a folder of that name". */
    static final String FOLDER = "\u0000folder";
    /** Content meaning "create nothing". */
    static final String MISSING = "\u0000missing";

    /** Puts the case in {@code dir} and returns its path. */
    public Path create(Path dir) throws IOException {
        Path file = dir.resolve(fileName);
        if (content.equals(FOLDER)) {
            Files.createDirectory(file);
        } else if (!content.equals(MISSING)) {
            Files.writeString(file, content);
        }
        return file;
    }

    @Override
    public String toString() {
        return name;
    }

    private static BadTaskFile read(String name, String file, String content, String expected) {
        return new BadTaskFile(name, file, content, Stage.READ, expected);
    }

    public static Stream<BadTaskFile> all() {
        return Stream.of(
                read(
                        "malformed JSON",
                        "t.json",
                        "[{\"id\": \"a\",}]",
                        ":1:13: not valid JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start field name"),
                read(
                        "truncated JSON",
                        "t.json",
                        "[\n  {\"id\": \"a\"}\n",
                        ":3:1: not valid JSON: Unexpected end-of-input: expected close marker for Array (start marker at line 1, column 1)"),
                read(
                        "raw control character in a JSON string",
                        "t.json",
                        "[{\"id\": \"caf\u0000\"}]",
                        ":1:13: not valid JSON: Illegal unquoted character ((CTRL-CHAR, code 0)): has to be escaped using backslash to be included in string value"),
                read(
                        "malformed YAML: flow list not closed",
                        "t.yaml",
                        "tasks:\n  - id: a\n    depends_on: [b\n  - id: b\n",
                        ":4:7: not valid YAML: expected ',' or ']', but got : (while parsing a flow sequence that starts at line 3)"),
                read(
                        "malformed YAML: quote not closed",
                        "t.yml",
                        "- id: a\n  command: 'echo\n",
                        ":3:1: not valid YAML: found unexpected end of stream (while scanning a quoted scalar that starts at line 2)"),
                read(
                        "malformed YAML: tab indentation",
                        "t.yaml",
                        "- id: a\n\tcommand: x\n",
                        ":2:1: not valid YAML: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)"),
                read("empty JSON file", "t.json", "", ": the file is empty; it needs a list of tasks"),
                read("blank JSON file", "t.json", " \n\n", ": the file is empty; it needs a list of tasks"),
                read(
                        "YAML file of comments only",
                        "t.yaml",
                        "# nothing yet\n",
                        ": the file is empty; it needs a list of tasks"),
                read("missing file", "nowhere.json", MISSING, ": no such file; check the path"),
                read("a folder", "tasks.json", FOLDER, ": is a folder, not a tasks file; name a .json or .yaml file"),
                read(
                        "top level is a string",
                        "t.json",
                        "\"tasks\"",
                        ":1:1: a tasks file is a list of tasks or an object with 'tasks', not a string"),
                read(
                        "object without tasks",
                        "t.json",
                        "{\"config\": {}}",
                        ":1:14: no 'tasks' list; give the tasks under \"tasks\": [...]"),
                read(
                        "misspelt top-level field",
                        "t.json",
                        "{\"taks\": []}",
                        ":1:2: unknown top-level field 'taks' (did you mean 'tasks'?)"),
                read(
                        "tasks is not a list",
                        "t.json",
                        "{\"tasks\": {\"id\": \"a\"}}",
                        ":1:11: 'tasks' must be a list of tasks"),
                read(
                        "content after the tasks",
                        "t.json",
                        "[{\"id\": \"a\"}]\n[]",
                        ":2:1: unexpected content after the tasks"),
                read(
                        "a task that is not an object",
                        "t.json",
                        "[{\"id\": \"a\"}, \"b\"]",
                        ":1:15: task #2 must be an object with an id, not a string"),
                read(
                        "task without id",
                        "t.json",
                        "[{\"id\": \"a\"},\n {\"command\": \"ls\"}]",
                        ":2:2: task #2 has no id; every task needs a unique \"id\""),
                read(
                        "duplicate ids",
                        "t.json",
                        "[{\"id\": \"a\"},\n {\"id\": \"b\"},\n {\"id\": \"a\"}]",
                        ":3:2: duplicate task id 'a' (first at line 1); ids must be unique"),
                read(
                        "unknown dependency, with the closest id",
                        "t.json",
                        "[{\"id\": \"auth-svc\"},\n {\"id\": \"web\", \"depends_on\": [\"auth-scv\"]}]",
                        ":2:2: task 'web' depends on unknown task 'auth-scv'; did you mean 'auth-svc'?"),
                read(
                        "unknown dependency, nothing close",
                        "t.json",
                        "[{\"id\": \"auth-svc\"},\n {\"id\": \"web\", \"depends_on\": [\"payments\"]}]",
                        ":2:2: task 'web' depends on unknown task 'payments'"),
                read(
                        "the same dependency twice",
                        "t.json",
                        "[{\"id\": \"a\"}, {\"id\": \"b\", \"depends_on\": [\"a\", \"a\"]}]",
                        ":1:15: task 'b' lists 'a' twice in depends_on; remove one"),
                read(
                        "self-dependency",
                        "t.json",
                        "[{\"id\": \"a\", \"depends_on\": [\"a\"]}]",
                        ":1:2: task 'a' depends on itself; remove 'a' from its depends_on"),
                new BadTaskFile(
                        "two-task cycle",
                        "t.json",
                        "[{\"id\": \"a\", \"depends_on\": [\"b\"]},\n {\"id\": \"b\", \"depends_on\": [\"a\"]}]",
                        Stage.GRAPH,
                        ":1:2: dependency cycle a -> b -> a; remove one of these depends_on entries"),
                new BadTaskFile(
                        "five-task cycle among other tasks",
                        "t.yaml",
                        """
                        - id: setup
                        - id: a
                          depends_on: [setup, e]
                        - id: b
                          depends_on: [a]
                        - id: c
                          depends_on: [b]
                        - id: d
                          depends_on: [c]
                        - id: e
                          depends_on: [d]
                        - id: after
                          depends_on: [e]
                        """,
                        Stage.GRAPH,
                        ":2:3: dependency cycle a -> e -> d -> c -> b -> a; remove one of these depends_on entries"),
                read(
                        "id with a space",
                        "t.json",
                        "[{\"id\": \"build api\"}]",
                        ":1:3: task id 'build api' may hold only letters, digits, '.', '_' and '-'"),
                read(
                        "id with a slash",
                        "t.json",
                        "[{\"id\": \"../etc\"}]",
                        ":1:3: task id '../etc' may hold only letters, digits, '.', '_' and '-'"),
                read(
                        "id that is '..'",
                        "t.json",
                        "[{\"id\": \"..\"}]",
                        ":1:3: task id '..' names a folder ('.' and '..' are not task ids); use letters or digits"),
                read(
                        "id longer than a file name may be",
                        "t.json",
                        "[{\"id\": \"" + "a".repeat(300) + "\"}]",
                        ":1:3: task id '" + "a".repeat(40) + "…' is 300 characters long; a task id has at most 200"),
                read(
                        "empty id",
                        "t.json",
                        "[{\"id\": \"\"}]",
                        ":1:3: task #1: id is empty; every task needs a unique \"id\""),
                read(
                        "estimate so large that sums of them overflow",
                        "t.json",
                        "[{\"id\": \"a\", \"estimated_seconds\": 1e308}]",
                        ":1:14: task 'a': estimated_seconds must be at most 1000000000 (about 31 years), not 1.0E308"),
                read(
                        "negative estimate",
                        "t.json",
                        "[{\"id\": \"a\", \"estimated_seconds\": -5}]",
                        ":1:14: task 'a': estimated_seconds must not be negative (got -5)"),
                read(
                        "estimate too large for a double",
                        "t.json",
                        "[{\"id\": \"a\", \"estimated_seconds\": 1e400}]",
                        ":1:14: task 'a': estimated_seconds is too large to be a number of seconds"),
                read(
                        "negative retries",
                        "t.json",
                        "[{\"id\": \"a\", \"retries\": -1}]",
                        ":1:14: task 'a': retries must not be negative (got -1)"),
                read(
                        "retries beyond a whole number's range",
                        "t.json",
                        "[{\"id\": \"a\", \"retries\": 100000000000}]",
                        ":1:14: task 'a': retries must be at most 2147483647 (got 100000000000)"),
                read(
                        "command and script on one task",
                        "t.json",
                        "[{\"id\": \"a\", \"command\": \"ls\", \"script\": \"x => 1\"}]",
                        ":1:31: task 'a' has both command and script; give it one of command, agent+prompt or script"),
                read(
                        "agent and command on one task",
                        "t.yaml",
                        "- id: a\n  agent: writer\n  prompt: hi\n  command: ls\n",
                        ":4:3: task 'a' has both agent+prompt and command; give it one of command, agent+prompt or script"),
                read(
                        "agent without prompt",
                        "t.json",
                        "[{\"id\": \"a\", \"agent\": \"writer\"}]",
                        ":1:14: task 'a' names agent 'writer' but no prompt; add \"prompt\""),
                read(
                        "prompt without agent",
                        "t.json",
                        "[{\"id\": \"a\", \"prompt\": \"hi\"}]",
                        ":1:14: task 'a' has a prompt but no agent; add \"agent\" to say who runs it"),
                read(
                        "empty command",
                        "t.json",
                        "[{\"id\": \"a\", \"command\": \" \"}]",
                        ":1:14: task 'a': command is empty; give a command line or an argv list"),
                read(
                        "empty argv",
                        "t.json",
                        "[{\"id\": \"a\", \"command\": []}]",
                        ":1:14: task 'a': command is an empty list; its first element is the program to run"),
                read(
                        "unknown field, close to a known one",
                        "t.json",
                        "[{\"id\": \"a\", \"dependson\": [\"b\"]}]",
                        ":1:14: task 'a': unknown field 'dependson' (did you mean 'depends_on'?)"),
                read(
                        "unknown field before the id",
                        "t.json",
                        "[{\"timout_seconds\": 5, \"id\": \"a\"}]",
                        ":1:3: task 'a': unknown field 'timout_seconds' (did you mean 'timeout_seconds'?)"),
                read(
                        "unknown field, nothing close",
                        "t.json",
                        "[{\"id\": \"a\", \"colour\": \"red\"}]",
                        ":1:14: task 'a': unknown field 'colour'; known fields: id, type, description, depends_on, "
                                + "estimated_seconds, command, agent, prompt, script, cwd, env, timeout_seconds, retries, "
                                + "no_retry_exit_codes, inputs, memory_max, cpus, outputs, env_inputs, cache, isolation, base, pool, requires, repeat"),
                read(
                        "isolation neither worktree nor none",
                        "t.json",
                        "[{\"id\": \"a\", \"isolation\": \"docker\"}]",
                        ":1:14: task 'a': isolation must be \"worktree\" or \"none\", not 'docker'"),
                read(
                        "pool name that could not be a name",
                        "t.json",
                        "[{\"id\": \"a\", \"pool\": \"a b\"}]",
                        ":1:14: task 'a': pool 'a b' may hold only letters, digits, '.', '_' and '-'"),
                read(
                        "base that reads as an option",
                        "t.json",
                        "[{\"id\": \"a\", \"base\": \"--all\"}]",
                        ":1:14: task 'a': base must name a commit or branch (\"main\", \"HEAD~1\"), not '--all'"),
                read(
                        "field given twice",
                        "t.json",
                        "[{\"id\": \"a\", \"id\": \"b\"}]",
                        ":1:18: not valid JSON: Duplicate field 'id'"),
                read(
                        "estimate as a string",
                        "t.json",
                        "[{\"id\": \"a\", \"estimated_seconds\": \"ten\"}]",
                        ":1:14: task 'a': estimated_seconds must be a number of seconds, not a string"),
                read(
                        "depends_on as a string",
                        "t.json",
                        "[{\"id\": \"b\"}, {\"id\": \"a\", \"depends_on\": \"b\"}]",
                        ":1:27: task 'a': depends_on must be a list of strings, not a string"),
                read(
                        "depends_on holding a number",
                        "t.json",
                        "[{\"id\": \"a\", \"depends_on\": [\"x\", 3]}]",
                        ":1:14: task 'a': depends_on must be a list of strings, but item 2 is 3"),
                read(
                        "id as a number (YAML)",
                        "t.yaml",
                        "- id: 007\n",
                        ":1:3: task #1: id must be a string, not 7; put the id in quotes"),
                read(
                        "command as a number",
                        "t.json",
                        "[{\"id\": \"a\", \"command\": 5}]",
                        ":1:14: task 'a': command must be a string (run by sh -c) or a list of strings (argv), not 5"),
                read(
                        "env as a list",
                        "t.json",
                        "[{\"id\": \"a\", \"env\": [\"X=1\"]}]",
                        ":1:14: task 'a': env must be an object of NAME: value, not a list"),
                read(
                        "env value that is an object",
                        "t.json",
                        "[{\"id\": \"a\", \"env\": {\"X\": {}}}]",
                        ":1:14: task 'a': env value of 'X' must be a string, number or boolean"),
                read(
                        "retries as a fraction",
                        "t.json",
                        "[{\"id\": \"a\", \"retries\": 1.5}]",
                        ":1:14: task 'a': retries must be a whole number, not 1.5"),
                read(
                        "an output that leaves the task's cwd",
                        "t.json",
                        "[{\"id\": \"a\", \"outputs\": [\"build/../../x.o\"]}]",
                        ":1:14: task 'a': outputs entry 'build/../../x.o' leaves the task's cwd; outputs must be paths"
                                + " inside it (no leading '/' or '..')"),
                read(
                        "an absolute output",
                        "t.json",
                        "[{\"id\": \"a\", \"outputs\": [\"/tmp/x\"]}]",
                        ":1:14: task 'a': outputs entry '/tmp/x' leaves the task's cwd; outputs must be paths"
                                + " inside it (no leading '/' or '..')"),
                read(
                        "an input glob that does not parse",
                        "t.json",
                        "[{\"id\": \"a\", \"inputs\": [\"src/{a,b\"]}]",
                        ":1:14: task 'a': inputs entry 'src/{a,b' is not a valid glob near character 8; check its {…} and […]"
                                + " pairs, and escape a literal one with '\\'"),
                read(
                        "an empty input",
                        "t.json",
                        "[{\"id\": \"a\", \"inputs\": [\"!\"]}]",
                        ":1:14: task 'a': inputs has an empty entry; give a path or glob such as \"src/**/*.c\""),
                read(
                        "env_inputs naming no variable",
                        "t.json",
                        "[{\"id\": \"a\", \"env_inputs\": [\"CC=gcc\"]}]",
                        ":1:14: task 'a': env_inputs entry 'CC=gcc' is not an environment variable name (letters,"
                                + " digits and '_', not starting with a digit)"),
                read(
                        "cache as a string",
                        "t.json",
                        "[{\"id\": \"a\", \"cache\": \"yes\"}]",
                        ":1:14: task 'a': cache must be true or false, not a string"),
                read(
                        "type as a boolean",
                        "t.json",
                        "[{\"id\": \"a\", \"type\": true}]",
                        ":1:14: task 'a': type must be a string, not a boolean"),
                read(
                        "a string value beyond Jackson's limit",
                        "t.json",
                        "[{\"id\": \"a\", \"description\": \"" + "x".repeat(20_000_001) + "\"}]",
                        ":1:14: task 'a': description: a text value is longer than 20000000 characters; "
                                + "keep large text (prompts, scripts) in a file and refer to it"),
                read(
                        "values nested too deep",
                        "t.json",
                        "[{\"id\": \"a\", \"env\": " + "[".repeat(1200) + "]".repeat(1200) + "}]",
                        ":1:14: task 'a': env: values are nested more than 1000 levels deep"),
                new BadTaskFile(
                        "unknown key in the file's config",
                        "t.json",
                        "{\"config\": {\"max_paralel_tasks\": 3},\n \"tasks\": [{\"id\": \"a\"}]}",
                        Stage.CONFIG,
                        ":1:13: unknown config key 'max_paralel_tasks' (did you mean 'max_parallel_tasks'?)"),
                new BadTaskFile(
                        "wrong type in the file's config",
                        "t.yaml",
                        "config:\n  enabled: sometimes\ntasks:\n  - id: a\n",
                        Stage.CONFIG,
                        ":2:3: config key 'enabled' must be true or false, not the string \"sometimes\""));
    }
}
