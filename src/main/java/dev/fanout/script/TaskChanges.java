package dev.fanout.script;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.fanout.merge.TaskOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A worktree task's change summary as a script's merge sees it: {@code changes: {branch, commit,
 * files_changed, insertions, deletions, patch}}, the patch text read from the task's folder.
 */
final class TaskChanges {
    /** Patches larger than this reach scripts cut short (the file keeps all of it). */
    private static final int PATCH_LIMIT = 1 << 20;

    private TaskChanges() {}

    static void write(TaskOutput o, JsonGenerator g) throws IOException {
        if (!o.hasResult() || !o.result().path("branch").isTextual()) {
            return;
        }
        g.writeObjectFieldStart("changes");
        for (String f : new String[] {"branch", "commit"}) {
            g.writeStringField(f, o.result().path(f).asText());
        }
        for (String f : new String[] {"files_changed", "insertions", "deletions"}) {
            g.writeNumberField(f, o.result().path(f).asInt());
        }
        g.writeStringField("patch", patch(o.stdout()));
        g.writeEndObject();
    }

    private static String patch(Path stdout) {
        if (stdout == null || stdout.getParent() == null) {
            return "";
        }
        Path file = stdout.getParent().resolve(dev.fanout.workspace.IsolatedRunner.PATCH);
        try (var in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(PATCH_LIMIT);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
