package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.workspace.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: {@code repeat: N} runs N independent attempts, each in its own worktree, and {@code best} picks one. */
class BestOfRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FAKE_AGENT =
            Path.of("examples/agents/fake-agent.sh").toAbsolutePath();

    @TempDir
    Path tmp;

    private Path home() {
        return tmp.resolve("home");
    }

    private Path tasks(TestRepo repo, String prompt, int repeat) throws IOException {
        Files.createDirectories(home().resolve("agents"));
        Files.writeString(
                home().resolve("agents/fake.md"),
                "---\nname: fake\ndescription: edits files as its prompt says\ncommand: [\"" + FAKE_AGENT
                        + "\", \"{prompt}\"]\n---\n\nYou edit files.\n");
        ObjectNode file = JSON.createObjectNode();
        file.putObject("config").put("isolation", "worktree").put("max_retries", 0);
        ArrayNode list = file.putArray("tasks");
        ObjectNode t = list.addObject();
        t.put("id", "fix");
        t.put("agent", "fake");
        t.put("prompt", prompt);
        t.put("cwd", repo.dir().toString());
        t.put("repeat", repeat);
        Path p = tmp.resolve("tasks.json");
        Files.writeString(p, file.toString());
        return p;
    }

    private JsonNode merged() throws IOException {
        return JSON.readTree(FanoutProcess.runDir(home())
                .orElseThrow()
                .resolve("merged.json")
                .toFile());
    }

    @Test
    void threeCopiesMakeThreeBranchesAndBestPicksThePassingOneWithTheSmallestDiff() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        // copy 1 adds three lines, copy 2 one, copy 3 fails with a one-line change
        Path file = tasks(
                repo,
                "Fix the bug.\n@1 add fix.txt a\n@1 add fix.txt b\n@1 add fix.txt c\n@2 add fix.txt a\n"
                        + "@3 add fix.txt x\n@3 fail the tests do not pass",
                3);

        Cli.Result run = Cli.run(home(), "run", file.toString(), "--parallel", "--jobs", "3");

        assertEquals(1, run.exit(), "one copy failed\n" + run);
        String runId = FanoutProcess.runDir(home()).orElseThrow().getFileName().toString();
        assertEquals(
                List.of("fanout/" + runId + "/fix.1", "fanout/" + runId + "/fix.2", "fanout/" + runId + "/fix.3"),
                repo.branches("fanout/" + runId + "/"),
                "every copy's branch is kept for review");
        assertEquals("a\nb\nc\n", repo.show("fanout/" + runId + "/fix.1", "fix.txt"));
        assertEquals("a\n", repo.show("fanout/" + runId + "/fix.2", "fix.txt"));
        JsonNode m = merged();
        assertEquals("best", m.path("strategy").asText(), m.toString());
        JsonNode fix = m.path("result").path("tasks").path("fix");
        assertEquals("fix.2", fix.path("picked").asText(), m.toString());
        assertEquals("fanout/" + runId + "/fix.2", fix.path("branch").asText());
        assertEquals("passing, the smallest diff (1 line)", fix.path("why").asText());
        assertEquals(3, fix.path("candidates").size());
        assertEquals(3, fix.path("candidates").get(0).path("insertions").asInt());
        assertEquals(false, fix.path("candidates").get(2).path("passing").asBoolean());
        assertTrue(run.out().contains("merged (best)"), run.toString());
    }

    @Test
    void amongEqualDiffsTheFastestCopyIsPickedAndAJavaScriptRuleMayChooseOtherwise() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path file = tasks(repo, "add fix.txt same", 2);
        assertEquals(0, Cli.run(home(), "run", file.toString(), "--parallel").exit());
        JsonNode fix = merged().path("result").path("tasks").path("fix");
        double first = fix.path("candidates").get(0).path("seconds").asDouble();
        double second = fix.path("candidates").get(1).path("seconds").asDouble();
        assertEquals(first <= second ? "fix.1" : "fix.2", fix.path("picked").asText(), fix.toString());

        // a rule of one's own: the copy with the highest number
        Path rule = tmp.resolve("rule.js");
        Files.writeString(
                rule,
                "fanout.registerMerge('last', function (outputs) {\n"
                        + "  var copies = outputs.filter(function (o) { return o.repeat_of === 'fix'; });\n"
                        + "  return {picked: copies[copies.length - 1].task_id,"
                        + " branch: copies[copies.length - 1].changes.branch};\n"
                        + "});\n");
        Path batch = tmp.resolve("pick.fan");
        Files.writeString(batch, "js --file " + rule + "\nmerge --strategy last --json\n");
        Cli.Result merge = Cli.run(home(), "-f", batch.toString());
        assertEquals(0, merge.exit(), merge.toString());
        String runId = FanoutProcess.runDir(home()).orElseThrow().getFileName().toString();
        assertTrue(merge.out().contains("\"picked\" : \"fix.2\""), merge.toString());
        assertTrue(merge.out().contains("fanout/" + runId + "/fix.2"), merge.toString());
    }
}
