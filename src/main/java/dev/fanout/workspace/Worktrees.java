package dev.fanout.workspace;

import dev.fanout.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Git worktrees for tasks, kept under one folder ({@code $FANOUT_HOME/worktrees/RUN_ID/TASK_ID}),
 * never inside the user's checkout, whose files and index are never touched: only refs and
 * git's worktree records change in its repository. A run's folder holds an owner file, so the
 * worktrees of a run that was killed can be told from those of one still running.
 */
public final class Worktrees {
    /** Names that no task id can take (ids hold only letters, digits, '.', '_' and '-'). */
    private static final String OWNER = "#owner";

    private static final String KEPT = "#kept";

    private final Git git;
    private final Path root;
    /** git serializes little between worktrees of one repository: adding and removing take turns. */
    private final Map<Path, Object> locks = new ConcurrentHashMap<>();

    public Worktrees(Git git, Path root) {
        this.git = git;
        this.root = root;
    }

    /** The branch of a task's worktree. */
    public static String branch(String runId, String taskId) {
        return "fanout/" + runId + "/" + taskId;
    }

    /**
     * Makes a worktree of the repository that holds {@code folder}, on a new branch at {@code
     * base}, with {@code merged} (earlier tasks' branches) merged in.
     *
     * @throws WorkspaceException when the folder is in no repository, the base is unknown, or the
     *     branches to merge conflict
     */
    public Worktree create(Path folder, String runId, String taskId, String base, List<String> merged) {
        Path real = realFolder(folder);
        Git.Output top = git.run(real, List.of("rev-parse", "--show-toplevel"));
        if (!top.ok()) {
            throw new WorkspaceException(
                    "isolation worktree needs a git repository, and " + real + " is not in one (git init, or set cwd)");
        }
        Path repository = Path.of(top.out().strip());
        String start = commitOf(repository, base == null ? "HEAD" : base);
        String branch = branch(runId, taskId);
        Path dir = root.resolve(runId).resolve(taskId);
        try {
            Files.createDirectories(dir.getParent());
            Path owner = dir.getParent().resolve(OWNER);
            if (!Files.exists(owner)) {
                AtomicFile.write(owner, Owner.current().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new WorkspaceException("cannot create " + dir.getParent() + ": " + e.getMessage());
        }
        synchronized (lock(repository)) {
            git.check(repository, "worktree", "add", "-q", "-b", branch, dir.toString(), start);
        }
        for (String other : merged) {
            Git.Output m = git.run(
                    dir,
                    concat(
                            Git.AS_FANOUT,
                            "merge",
                            "-q",
                            "--no-ff",
                            "--no-edit",
                            "-m",
                            "fanout: merge " + other,
                            other));
            if (!m.ok()) {
                String files = git.run(dir, List.of("diff", "--name-only", "--diff-filter=U"))
                        .out()
                        .strip()
                        .replace('\n', ' ');
                git.run(dir, List.of("merge", "--abort"));
                remove(dir);
                throw new WorkspaceException("its dependencies' changes conflict: merging " + other + " conflicts in "
                        + (files.isEmpty() ? "(unknown files)" : files));
            }
        }
        String merges = merged.isEmpty() ? start : commitOf(dir, "HEAD");
        return new Worktree(repository, dir, dir.resolve(repository.relativize(real)), branch, start, merges);
    }

    /** Puts a worktree back to where its task started (before a retry). */
    public void reset(Worktree w) {
        git.check(w.dir(), "reset", "-q", "--hard", w.start());
        git.check(w.dir(), "clean", "-q", "-f", "-d", "-x");
    }

    /**
     * Commits whatever the task changed (tracked or not, ignored files aside) and writes the
     * patch from its start.
     *
     * @param message the commit message
     * @param patch where the patch goes
     */
    public Changes collect(Worktree w, String message, Path patch) {
        git.check(w.dir(), "add", "-A");
        if (!git.run(w.dir(), List.of("diff", "--cached", "--quiet")).ok()) {
            git.checkAsFanout(w.dir(), "commit", "-q", "--no-verify", "-m", message);
        }
        String commit = commitOf(w.dir(), "HEAD");
        int files = 0;
        int plus = 0;
        int minus = 0;
        for (String line : git.check(w.dir(), "diff", "--numstat", w.start(), commit)
                .lines()
                .toList()) {
            String[] f = line.split("\t", 3);
            if (f.length < 3) {
                continue;
            }
            files++;
            plus += f[0].equals("-") ? 0 : Integer.parseInt(f[0]);
            minus += f[1].equals("-") ? 0 : Integer.parseInt(f[1]);
        }
        String text = git.check(w.dir(), "diff", "--binary", w.start(), commit);
        try {
            AtomicFile.write(patch, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new WorkspaceException("cannot write " + patch + ": " + e.getMessage());
        }
        return new Changes(w.branch(), w.base(), w.start(), commit, files, plus, minus);
    }

    /** Removes every worktree of a run (their branches stay), or marks them kept. */
    public void finish(String runId, boolean keep) {
        Path dir = root.resolve(runId);
        if (!Files.isDirectory(dir)) {
            return;
        }
        if (keep) {
            try {
                AtomicFile.write(dir.resolve(KEPT), new byte[0]);
            } catch (IOException e) {
                throw new WorkspaceException("cannot write " + dir.resolve(KEPT) + ": " + e.getMessage());
            }
            return;
        }
        removeRun(dir);
    }

    /**
     * Removes the worktrees of runs that ended without removing them (killed), and with
     * {@code kept} those kept on purpose too; never those of a run still going.
     *
     * @return the worktree folders removed
     */
    public List<Path> cleanLeftovers(boolean kept) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return removed;
        }
        try (Stream<Path> runs = Files.list(root)) {
            for (Path run : runs.sorted().toList()) {
                // a kept run is over whoever owns it; another is over when its owner is gone
                boolean over = Files.exists(run.resolve(KEPT)) ? kept : !Owner.alive(run.resolve(OWNER));
                if (!over) {
                    continue;
                }
                removed.addAll(removeRun(run));
            }
        } catch (IOException e) {
            throw new WorkspaceException("cannot list " + root + ": " + e.getMessage());
        }
        return removed;
    }

    private List<Path> removeRun(Path run) {
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(run)) {
            for (Path dir : tasks.filter(Files::isDirectory).sorted().toList()) {
                remove(dir);
                removed.add(dir);
            }
            deleteTree(run);
        } catch (IOException e) {
            throw new WorkspaceException("cannot remove " + run + ": " + e.getMessage());
        }
        return removed;
    }

    /** Removes one worktree: through git when its repository is still there, then whatever is left. */
    void remove(Path dir) {
        Path common = commonDir(dir);
        if (common != null) {
            synchronized (lock(common)) {
                git.run(common, List.of("worktree", "remove", "--force", dir.toString()));
                deleteTree(dir);
                git.run(common, List.of("worktree", "prune"));
            }
        }
        deleteTree(dir);
    }

    /** The repository's git folder, from the worktree's {@code .git} file ("gitdir: …/.git/worktrees/NAME"). */
    private static Path commonDir(Path dir) {
        try {
            String line = Files.readString(dir.resolve(".git")).strip();
            if (!line.startsWith("gitdir:")) {
                return null;
            }
            Path own = Path.of(line.substring("gitdir:".length()).strip());
            Path common = own.getParent() == null ? null : own.getParent().getParent();
            return common != null && Files.isDirectory(common) ? common : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Object lock(Path repository) {
        return locks.computeIfAbsent(repository.toAbsolutePath().normalize(), k -> new Object());
    }

    private String commitOf(Path dir, String rev) {
        Git.Output o = git.run(dir, List.of("rev-parse", "--verify", "--quiet", rev + "^{commit}"));
        if (!o.ok()) {
            throw new WorkspaceException("no commit '" + rev + "' in " + dir + "; give base a branch, tag or commit");
        }
        return o.out().strip();
    }

    private static Path realFolder(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            throw new WorkspaceException("cannot use " + folder + " as a task's folder: no such folder");
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
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
            throw new WorkspaceException("cannot remove " + dir + ": " + e.getMessage());
        }
    }
}
