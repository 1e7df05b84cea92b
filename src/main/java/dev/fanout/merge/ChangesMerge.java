package dev.fanout.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.workspace.Git;
import dev.fanout.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Merges the branches of worktree tasks (results with {@code branch} and {@code base}) into one
 * integration branch, {@code fanout/RUN_ID/merged} or the branch given, with git's own three-way
 * merge ({@code merge --no-ff}) in a temporary worktree, so the user's checkout is never touched.
 * Branches go in dependency order (a branch that holds another comes after it); one that
 * conflicts is left out whole ({@code merge --abort}) and reported with its files and hunks.
 *
 * <p>Returns {@code {"branch", "commit", "merged": [ids], "conflicted": [ids], "tasks": [{"task",
 * "branch", "outcome": merged|conflict|not merged, "why"?, "files"?: [{"path", "hunks": [text]}]}]}}.
 */
public final class ChangesMerge implements MergeStrategy {
    public static final String NAME = "changes";
    /** A conflict report shows at most this many hunks a file, each at most this many lines. */
    private static final int HUNKS = 5;

    private static final int HUNK_LINES = 40;

    private final Git git;
    private final String onto;

    /** Merges into {@code onto}, an existing branch, or with null into {@code fanout/RUN_ID/merged}. */
    public ChangesMerge(Git git, String onto) {
        this.git = git;
        this.onto = onto;
    }

    public ChangesMerge() {
        this(new Git(), null);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "merge worktree tasks' branches into fanout/RUN_ID/merged (git three-way merge); report conflicts";
    }

    /** Whether any output comes from a worktree task (what makes "auto" choose this strategy). */
    public static boolean applies(List<TaskOutput> outputs) {
        return outputs.stream().anyMatch(ChangesMerge::isolated);
    }

    private static boolean isolated(TaskOutput o) {
        return o.hasResult()
                && o.result().path("branch").isTextual()
                && o.result().path("base").isTextual();
    }

    @Override
    public JsonNode merge(List<TaskOutput> outputs) {
        List<TaskOutput> isolated =
                outputs.stream().filter(ChangesMerge::isolated).toList();
        if (isolated.isEmpty()) {
            throw new MergeException(
                    "no task ran in a worktree (isolation: worktree), so there are no changes to merge");
        }
        Path repo = repository(isolated.get(0));
        String first = isolated.get(0).result().path("branch").asText();
        String target = onto != null ? onto : first.substring(0, first.lastIndexOf('/')) + "/merged";
        if (onto == null) {
            // fanout's own branch: made afresh, so merging again gives the same answer
            run(
                    repo,
                    "branch",
                    "-f",
                    target,
                    isolated.get(0).result().path("base").asText());
        } else if (!git.run(repo, List.of("rev-parse", "--verify", "--quiet", "refs/heads/" + onto))
                .ok()) {
            throw new MergeException("no branch '" + onto + "' in " + repo + "; --onto takes an existing branch");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("branch", target);
        ArrayNode merged = out.putArray("merged");
        ArrayNode conflicted = out.putArray("conflicted");
        ArrayNode tasks = out.putArray("tasks");
        ArrayNode notes = JsonNodeFactory.instance.arrayNode();
        Path dir = tempDir();
        try {
            run(repo, "worktree", "add", "-q", dir.toString(), target);
            for (TaskOutput o : inOrder(repo, isolated, target)) {
                ObjectNode t = tasks.addObject();
                String branch = o.result().path("branch").asText();
                t.put("task", o.taskId());
                t.put("branch", branch);
                if (!o.succeeded()) {
                    t.put("outcome", "not merged");
                    t.put("why", "the task " + o.status().replace('_', ' '));
                    continue;
                }
                Git.Output m = git.run(
                        dir,
                        withFanout("merge", "-q", "--no-ff", "--no-edit", "-m", "fanout: merge " + o.taskId(), branch));
                if (m.ok()) {
                    t.put("outcome", "merged");
                    merged.add(o.taskId());
                    continue;
                }
                t.put("outcome", "conflict");
                conflicted.add(o.taskId());
                ArrayNode files = t.putArray("files");
                for (String path : git.run(dir, List.of("diff", "--name-only", "--diff-filter=U"))
                        .out()
                        .lines()
                        .toList()) {
                    ObjectNode f = files.addObject();
                    f.put("path", path);
                    ArrayNode hunks = f.putArray("hunks");
                    hunks(dir.resolve(path)).forEach(hunks::add);
                }
                git.run(dir, List.of("merge", "--abort"));
                notes.add(o.taskId() + " left out: its changes conflict in " + files.size() + " file(s)");
            }
            out.put("commit", run(dir, "rev-parse", "HEAD").strip());
        } finally {
            git.run(repo, List.of("worktree", "remove", "--force", dir.toString()));
            deleteTree(dir);
            git.run(repo, List.of("worktree", "prune"));
        }
        if (!notes.isEmpty()) {
            out.set("notes", notes);
        }
        return out;
    }

    /** Dependency order: a branch holding another has more commits beyond the target, so it sorts after it. */
    private List<TaskOutput> inOrder(Path repo, List<TaskOutput> outputs, String target) {
        List<long[]> keys = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            String branch = outputs.get(i).result().path("branch").asText();
            Git.Output count = git.run(repo, List.of("rev-list", "--count", target + ".." + branch));
            keys.add(new long[] {count.ok() ? Long.parseLong(count.out().strip()) : 0, i});
        }
        keys.sort(Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]));
        return keys.stream().map(k -> outputs.get((int) k[1])).toList();
    }

    /** The conflict hunks of a file as git left it: each from {@code <<<<<<<} to {@code >>>>>>>}. */
    static List<String> hunks(Path file) {
        List<String> hunks = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return hunks; // deleted on one side, or binary: the file name says enough
        }
        StringBuilder hunk = null;
        int taken = 0;
        for (String line : lines) {
            if (line.startsWith("<<<<<<<")) {
                hunk = new StringBuilder();
                taken = 0;
            }
            if (hunk != null && taken++ < HUNK_LINES) {
                hunk.append(line).append('\n');
            }
            if (hunk != null && line.startsWith(">>>>>>>")) {
                hunks.add(hunk.toString());
                hunk = null;
                if (hunks.size() == HUNKS) {
                    break;
                }
            }
        }
        return hunks;
    }

    private Path repository(TaskOutput o) {
        Path from = o.workDir() == null ? Path.of("").toAbsolutePath() : o.workDir();
        Git.Output top = git.run(from, List.of("rev-parse", "--show-toplevel"));
        if (!top.ok()) {
            throw new MergeException("the repository of task '" + o.taskId() + "' (" + from + ") is gone");
        }
        return Path.of(top.out().strip());
    }

    private String run(Path dir, String... args) {
        try {
            return git.check(dir, args);
        } catch (WorkspaceException e) {
            throw new MergeException(e.getMessage());
        }
    }

    private static List<String> withFanout(String... args) {
        List<String> all = new ArrayList<>(Git.AS_FANOUT);
        all.addAll(List.of(args));
        return all;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("fanout-merge-");
        } catch (IOException e) {
            throw new MergeException("cannot create a temporary folder for the merge: " + e.getMessage());
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder: the system cleans it up in time
        }
    }
}
