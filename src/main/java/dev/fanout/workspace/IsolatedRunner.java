package dev.fanout.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.AtomicFile;
import dev.fanout.Json;
import dev.fanout.config.Config;
import dev.fanout.exec.AttemptContext;
import dev.fanout.exec.RunningAttempt;
import dev.fanout.exec.RunningAttempt.AttemptEnd;
import dev.fanout.exec.TaskRunner;
import dev.fanout.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs tasks with {@code isolation: worktree} in a git worktree of their own: the worktree is
 * made before the attempt (from the task's base, with its isolated dependencies' branches merged),
 * the task's cwd points into it, and after the attempt whatever changed is committed on the
 * task's branch, its patch written beside its logs and its summary added to its result. Other
 * tasks go straight to the runner it wraps. One instance serves one run.
 */
public final class IsolatedRunner implements TaskRunner {
    /** The file beside a task's logs that holds its patch. */
    public static final String PATCH = "changes.patch";

    private final TaskRunner inner;
    private final Worktrees worktrees;
    private final Map<String, Worktree> byTask = new ConcurrentHashMap<>();
    private final Map<String, Changes> changed = new ConcurrentHashMap<>();
    /** Commits run here, not on the JDK's process reaper thread that ends an attempt. */
    private final ExecutorService collectors = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fanout-worktree");
        t.setDaemon(true);
        return t;
    });

    public IsolatedRunner(TaskRunner inner, Worktrees worktrees) {
        this.inner = inner;
        this.worktrees = worktrees;
    }

    /** Whether a task runs in a worktree: its own {@code isolation}, else the config's. */
    public static boolean isolated(Task task, Config config) {
        if (task.kind() != Task.Kind.COMMAND && task.kind() != Task.Kind.AGENT) {
            return false;
        }
        String mode = task.isolation() != null ? task.isolation() : config.isolation();
        return "worktree".equals(mode);
    }

    @Override
    public RunningAttempt start(Task task, AttemptContext ctx) throws LaunchException {
        if (!isolated(task, ctx.config())) {
            return inner.start(task, ctx);
        }
        Worktree w;
        try {
            w = prepare(task, ctx);
        } catch (WorkspaceException e) {
            throw new LaunchException("task '" + task.id() + "': " + e.getMessage());
        }
        RunningAttempt attempt = inner.start(task.withCwd(w.cwd().toString()), ctx);
        CompletableFuture<AttemptEnd> ended =
                attempt.ended().thenApplyAsync(end -> collect(task, w, ctx, end), collectors);
        return new RunningAttempt() {
            @Override
            public CompletableFuture<AttemptEnd> ended() {
                return ended;
            }

            @Override
            public void stop() {
                attempt.stop();
            }
        };
    }

    private Worktree prepare(Task task, AttemptContext ctx) {
        Worktree w = byTask.get(task.id());
        if (w != null) {
            worktrees.reset(w); // a retry starts where the first attempt did
            return w;
        }
        List<String> merged = new ArrayList<>();
        for (String dep : task.dependsOn()) {
            Changes c = changed.get(dep);
            if (c != null) {
                merged.add(c.branch());
            }
        }
        Path folder = Path.of(task.cwd() == null ? "" : task.cwd()).toAbsolutePath();
        w = worktrees.create(folder, ctx.runId(), task.id(), task.base(), merged);
        byTask.put(task.id(), w);
        return w;
    }

    private AttemptEnd collect(Task task, Worktree w, AttemptContext ctx, AttemptEnd end) {
        try {
            Changes c = worktrees.collect(w, message(task), ctx.taskDir().resolve(PATCH));
            changed.put(task.id(), c);
            addToResult(ctx.resultFile(), c);
            return end;
        } catch (WorkspaceException | IOException e) {
            return new AttemptEnd(
                    end.exitCode() == null || end.exitCode() == 0 ? 1 : end.exitCode(),
                    end.signal(),
                    "cannot collect its worktree's changes: " + e.getMessage(),
                    false,
                    end.ranSeconds(),
                    end.usage(),
                    false);
        }
    }

    /** "fanout: TASK_ID: the prompt's first line" (or the description's, or the command's). */
    static String message(Task task) {
        String text = task.prompt() != null
                ? task.prompt()
                : task.description() != null
                        ? task.description()
                        : task.command() == null
                                ? ""
                                : task.command().isShell()
                                        ? task.command().shellLine()
                                        : String.join(" ", task.command().argv());
        String first = text.strip().lines().findFirst().orElse("");
        if (first.length() > 72) {
            first = first.substring(0, 71) + "…";
        }
        return "fanout: " + task.id() + (first.isEmpty() ? "" : ": " + first);
    }

    /** The result gains branch, commit, files_changed, insertions and deletions. */
    private static void addToResult(Path file, Changes c) throws IOException {
        ObjectNode result;
        boolean written = Files.exists(file) && Files.size(file) > 0;
        JsonNode before = written ? readOrNull(file) : null;
        if (written && before == null) {
            return; // not JSON: reported as it would be without isolation, and left as the task wrote it
        }
        if (before instanceof ObjectNode o) {
            result = o;
        } else {
            result = Json.mapper().createObjectNode();
            if (before != null) {
                result.set("result", before);
            }
        }
        result.put("branch", c.branch());
        result.put("base", c.base());
        result.put("commit", c.commit());
        result.put("files_changed", c.filesChanged());
        result.put("insertions", c.insertions());
        result.put("deletions", c.deletions());
        AtomicFile.write(file, o -> Json.mapper().writeValue(o, result));
    }

    private static JsonNode readOrNull(Path file) {
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            return null; // not JSON: the task's own problem, reported as it would be without isolation
        }
    }
}
