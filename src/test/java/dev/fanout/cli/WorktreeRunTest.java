package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.workspace.TestRepo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: agent tasks side by side, each in a git worktree of its own, through {@code fanout run}. */
class WorktreeRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FAKE_AGENT =
            Path.of("examples/agents/fake-agent.sh").toAbsolutePath();

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path home() {
        return tmp.resolve("home");
    }

    private int fanout(String... args) {
        CliContext ctx = new CliContext(Map.of(), new PrintWriter(out), new PrintWriter(err), false);
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--home", home().toString()));
        return CommandLineFactory.create(ctx).execute(all.toArray(String[]::new));
    }

    /** The fake agent as a permanent agent of the home. */
    private void fakeAgent() throws IOException {
        Files.createDirectories(home().resolve("agents"));
        Files.writeString(
                home().resolve("agents/fake.md"),
                "---\nname: fake\ndescription: edits files as its prompt says\ncommand: [\"" + FAKE_AGENT
                        + "\", \"{prompt}\"]\n---\n\nYou edit files.\n");
    }

    private static ObjectNode agentTask(Path cwd, String id, String prompt, String... deps) {
        ObjectNode t = JSON.createObjectNode();
        t.put("id", id);
        t.put("agent", "fake");
        t.put("prompt", prompt);
        t.put("cwd", cwd.toString());
        ArrayNode d = t.putArray("depends_on");
        for (String dep : deps) {
            d.add(dep);
        }
        return t;
    }

    private Path tasksFile(ObjectNode... tasks) throws IOException {
        ObjectNode file = JSON.createObjectNode();
        file.putObject("config").put("isolation", "worktree").put("max_retries", 0);
        ArrayNode list = file.putArray("tasks");
        for (ObjectNode t : tasks) {
            list.add(t);
        }
        Path p = tmp.resolve("tasks.json");
        Files.writeString(p, file.toString());
        return p;
    }

    private static TestRepo repoWithUncommittedEdits(Path dir) throws IOException {
        TestRepo repo = TestRepo.create(dir);
        Files.writeString(dir.resolve("shared.txt"), "line one\nmy own edit, not committed\nline three\n");
        Files.writeString(dir.resolve("scratch.txt"), "untracked notes\n");
        return repo;
    }

    @Test
    void threeAgentsInParallelMakeThreeBranchesAndLeaveTheCheckoutByteIdentical() throws Exception {
        TestRepo repo = repoWithUncommittedEdits(tmp.resolve("repo"));
        Map<String, String> before = repo.snapshot();
        fakeAgent();
        Path file = tasksFile(
                agentTask(repo.dir(), "add-docs", "add docs/guide.md How to use it\ncost 0.25"),
                agentTask(repo.dir(), "shout", "change shared.txt 1 LINE ONE"),
                agentTask(repo.dir(), "whisper", "change shared.txt 1 line one, softly"),
                agentTask(repo.dir(), "review", "add docs/review.md reviewed", "add-docs"));

        int exit = fanout("run", file.toString(), "--parallel", "--jobs", "3");

        assertEquals(0, exit, out + "\n" + err);
        assertEquals(before, repo.snapshot(), "the user's checkout is untouched");
        JsonNode record = JSON.readTree(
                FanoutProcess.runDir(home()).orElseThrow().resolve("run.json").toFile());
        String runId = record.path("run_id").asText();
        assertEquals(
                List.of(
                        "fanout/" + runId + "/add-docs",
                        "fanout/" + runId + "/merged",
                        "fanout/" + runId + "/review",
                        "fanout/" + runId + "/shout",
                        "fanout/" + runId + "/whisper"),
                repo.branches("fanout/"));
        assertEquals("LINE ONE\nline two\nline three\n", repo.show("fanout/" + runId + "/shout", "shared.txt"));
        // a dependent starts from its dependency's branch
        assertEquals("How to use it\n", repo.show("fanout/" + runId + "/review", "docs/guide.md"));
        Path run = FanoutProcess.runDir(home()).orElseThrow();
        JsonNode result =
                JSON.readTree(run.resolve("tasks/add-docs/result.json").toFile());
        assertEquals("fanout/" + runId + "/add-docs", result.path("branch").asText());
        assertEquals(1, result.path("files_changed").asInt());
        assertEquals(1, result.path("insertions").asInt());
        assertEquals(0, result.path("deletions").asInt());
        assertEquals(0.25, result.path("total_cost_usd").asDouble());
        assertTrue(Files.readString(run.resolve("tasks/add-docs/changes.patch")).contains("+How to use it"));
        JsonNode review = JSON.readTree(run.resolve("tasks/review/result.json").toFile());
        assertEquals(1, review.path("files_changed").asInt(), "its patch holds only its own change");
        assertEquals(
                "fanout: review: add docs/review.md reviewed\n",
                repo.git("log", "-1", "--format=%s", "fanout/" + runId + "/review"));
        assertFalse(Files.exists(home().resolve("worktrees").resolve(runId)), "worktrees removed after the run");
        assertEquals(1, repo.git("worktree", "list").lines().count());
    }

    @Test
    void changesMergesTheCompatibleBranchesAndReportsTheConflictingOneWithItsFilesAndHunks() throws Exception {
        TestRepo repo = repoWithUncommittedEdits(tmp.resolve("repo"));
        Map<String, String> before = repo.snapshot();
        fakeAgent();
        Path file = tasksFile(
                agentTask(repo.dir(), "add-docs", "add docs/guide.md How to use it"),
                agentTask(repo.dir(), "shout", "change shared.txt 1 LINE ONE"),
                agentTask(repo.dir(), "whisper", "change shared.txt 1 line one, softly"),
                agentTask(repo.dir(), "review", "add docs/review.md reviewed", "add-docs"));

        assertEquals(0, fanout("run", file.toString(), "--sequential"), err.toString());

        Path run = FanoutProcess.runDir(home()).orElseThrow();
        String runId = run.getFileName().toString();
        JsonNode merged = JSON.readTree(run.resolve("merged.json").toFile());
        assertEquals("changes", merged.path("strategy").asText(), merged.toString());
        JsonNode result = merged.path("result");
        assertEquals("fanout/" + runId + "/merged", result.path("branch").asText());
        assertEquals(
                "[\"add-docs\",\"shout\",\"review\"]", result.path("merged").toString());
        assertEquals("[\"whisper\"]", result.path("conflicted").toString());
        JsonNode whisper = result.path("tasks").get(2);
        assertEquals("whisper", whisper.path("task").asText());
        assertEquals("shared.txt", whisper.path("files").get(0).path("path").asText());
        String hunk = whisper.path("files").get(0).path("hunks").get(0).asText();
        assertTrue(hunk.startsWith("<<<<<<<") && hunk.contains("LINE ONE") && hunk.contains("softly"), hunk);
        String branch = "fanout/" + runId + "/merged";
        assertEquals("LINE ONE\nline two\nline three\n", repo.show(branch, "shared.txt"), "never half-applied");
        assertEquals("reviewed\n", repo.show(branch, "docs/review.md"));
        assertEquals(before, repo.snapshot(), "the user's checkout is untouched");
        assertEquals(1, repo.git("worktree", "list").lines().count());

        repo.git("branch", "side", "main");
        out.getBuffer().setLength(0);
        int exit = fanout("merge", "--strategy", "changes", "--onto", "side", "--json");

        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().contains("\"branch\" : \"side\""), out.toString());
        assertEquals("How to use it\n", repo.show("side", "docs/guide.md"));
        assertEquals(before, repo.snapshot());
    }

    @Test
    void keepWorktreesKeepsThemUntilResourcesCleanup() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        fakeAgent();
        Path file = tasksFile(agentTask(repo.dir(), "a", "add a.txt a"));

        assertEquals(0, fanout("run", file.toString(), "--keep-worktrees"), err.toString());
        String runId = JSON.readTree(FanoutProcess.runDir(home())
                        .orElseThrow()
                        .resolve("run.json")
                        .toFile())
                .path("run_id")
                .asText();
        Path kept = home().resolve("worktrees").resolve(runId).resolve("a");
        assertEquals("a\n", Files.readString(kept.resolve("a.txt")));

        assertEquals(0, fanout("resources", "cleanup"), err.toString());

        assertFalse(Files.exists(kept));
        assertEquals(1, repo.git("worktree", "list").lines().count());
        assertEquals(List.of("fanout/" + runId + "/a", "fanout/" + runId + "/merged"), repo.branches("fanout/"));
    }

    @Test
    void aRunKilledWithSigkillLeavesWorktreesThatTheNextRunRemoves() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Path started = tmp.resolve("started");
        ObjectNode slow = JSON.createObjectNode();
        slow.put("id", "slow");
        slow.put("cwd", repo.dir().toString());
        slow.putArray("command")
                .add("sh")
                .add("-c")
                .add("touch \"$1\"; exec sleep 600")
                .add("sh")
                .add(started.toString());
        Path file = tasksFile(slow);
        Path worktree;
        try (FanoutProcess killed = FanoutProcess.start(
                tmp.resolve("logs"), List.of(), "run", file.toString(), "--home", home().toString())) {
            killed.awaitRecord(home(), r -> Files.exists(started), Duration.ofSeconds(60));
            try (var dirs = Files.list(home().resolve("worktrees"))) {
                worktree = dirs.findFirst().orElseThrow().resolve("slow");
            }
            assertTrue(Files.isDirectory(worktree));
            killed.signal("KILL");
            killed.await(Duration.ofSeconds(30));
        } // closing it stops the task fanout left behind
        ObjectNode quick = JSON.createObjectNode();
        quick.put("id", "quick");
        quick.put("cwd", repo.dir().toString());
        quick.putArray("command").add("true");

        int exit = fanout("run", tasksFile(quick).toString());

        assertEquals(0, exit, err.toString());
        assertFalse(Files.exists(worktree), "the killed run's worktree is gone");
        assertTrue(out.toString().contains("left by an earlier run that was killed"), out.toString());
        assertEquals(1, repo.git("worktree", "list").lines().count());
    }
}
