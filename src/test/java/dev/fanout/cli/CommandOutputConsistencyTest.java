package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12.22: what status, stats, runs, tasks and results completion show agree with the facts. */
class CommandOutputConsistencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path home() {
        return dir.resolve("home");
    }

    private Cli.Result batch(String... lines) throws IOException {
        Path file = Files.writeString(dir.resolve("lines.fan"), String.join("\n", lines) + "\n");
        Cli.Result r = Cli.run(home(), "-f", file.toString());
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    @Test
    void statusCountsWavesInWordsAndTellsFileTasksFromHandAddedOnes() throws IOException {
        Cli.Result r = batch("load examples/search.json", "task add --id count --command true", "analyze", "status");

        assertTrue(r.out().contains("tasks: 4: 3 from examples/search.json, 1 added by hand\n"), r.out());
        assertTrue(r.out().contains("last analysis: 1 wave, "), r.out());
    }

    @Test
    void statusOfTasksAllAddedByHandSaysSo() throws IOException {
        Cli.Result r = batch("task add --id one --command true", "set max_parallel_tasks 2", "status");

        assertTrue(r.out().contains("tasks: 1 added by hand\n"), r.out());
        assertTrue(r.out().contains("settings: max_parallel_tasks=2\n"), r.out());
    }

    @Test
    void statsJsonIsSnakeCaseAsAllFanoutJson() throws IOException {
        Path tasks = Files.writeString(
                dir.resolve("t.json"), "[{\"id\": \"quick\", \"command\": [\"true\"], \"estimated_seconds\": 5}]");
        assertEquals(0, Cli.run(home(), "run", tasks.toString(), "--quiet").exit());

        Cli.Result r = Cli.run(home(), "stats", "--json");

        JsonNode stats = JSON.readTree(r.out());
        List<String> names = new ArrayList<>();
        collectNames(stats, names);
        assertTrue(names.contains("tasks_run") && names.contains("task_id"), names.toString());
        assertTrue(names.stream().allMatch(n -> n.equals(n.toLowerCase())), names.toString());
    }

    private static void collectNames(JsonNode node, List<String> names) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            names.add(e.getKey());
            collectNames(e.getValue(), names);
        }
        if (node.isArray()) {
            node.forEach(n -> collectNames(n, names));
        }
    }

    @Test
    void theRunsTableStaysAlignedForARunOfTwentyThousandTasks() throws IOException {
        Path tasks = Files.writeString(dir.resolve("t.json"), "[{\"id\": \"t\", \"command\": [\"true\"]}]");
        assertEquals(0, Cli.run(home(), "run", tasks.toString(), "--quiet").exit());
        // the record of a real run, grown to 20,000 tasks (running them would take minutes)
        Path runJson = FanoutProcess.runDir(home()).orElseThrow().resolve("run.json");
        ObjectNode record = (ObjectNode) JSON.readTree(runJson.toFile());
        ArrayNode taskList = (ArrayNode) record.get("tasks");
        ObjectNode results = (ObjectNode) record.get("results");
        JsonNode oneTask = taskList.get(0);
        JsonNode oneResult = results.get("t");
        for (int i = 1; i < 20_000; i++) {
            taskList.add(((ObjectNode) oneTask.deepCopy()).put("id", "t" + i));
            results.set("t" + i, oneResult.deepCopy());
        }
        Files.writeString(runJson, JSON.writeValueAsString(record));

        Cli.Result r = Cli.run(home(), "runs");

        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        String header = lines.get(0);
        String row = lines.get(1);
        assertTrue(row.contains(" 20000/20000 "), row);
        for (String column : List.of("ok/tasks", "wall", "speedup", "source")) {
            int at = header.indexOf(column);
            assertTrue(row.charAt(at - 1) == ' ' && row.charAt(at) != ' ', column + " out of line:\n" + r.out());
        }
    }

    @Test
    void theTasksTableQuotesArgvElementsAsAShellWouldReadThem() throws IOException {
        Path tasks = Files.writeString(
                dir.resolve("t.json"),
                "[{\"id\": \"grep\", \"command\": [\"grep\", \"-c\", \"two words\", \"it's\", \"\", \"plain.txt\"]}]");

        Cli.Result r = batch("load " + tasks, "tasks");

        assertTrue(r.out().contains("grep -c 'two words' 'it'\\''s' '' plain.txt"), r.out());
    }

    @Test
    void resultsCompletesRunIds() throws IOException {
        assertEquals(0, Cli.run(home(), "exec", "--task-id", "t", "--", "true").exit());
        String runId = FanoutProcess.runDir(home()).orElseThrow().getFileName().toString();
        CliContext ctx = new CliContext(
                Map.of("TERM", "dumb"),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                false);
        ctx.homeOverride(home());
        List<Candidate> candidates = new ArrayList<>();

        new ShellCompleter(() -> CommandLineFactory.create(ctx))
                .complete(null, new ShellParser(() -> false).parse("results ", 8), candidates);

        assertTrue(candidates.stream().anyMatch(c -> c.value().equals(runId)), candidates.toString());
        assertFalse(candidates.isEmpty());
    }

    @Test
    void theShellDoesNotOfferTheHiddenCommandBashCompletionUses() {
        CliContext ctx = new CliContext(
                Map.of("TERM", "dumb"),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                false);
        ctx.homeOverride(home());
        List<Candidate> candidates = new ArrayList<>();

        new ShellCompleter(() -> CommandLineFactory.create(ctx))
                .complete(null, new ShellParser(() -> false).parse("", 0), candidates);

        List<String> names = candidates.stream().map(Candidate::value).toList();
        assertTrue(names.contains("results"), names.toString());
        assertFalse(names.contains("__complete"), names.toString());
    }
}
