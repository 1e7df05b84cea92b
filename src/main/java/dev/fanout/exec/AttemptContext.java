package dev.fanout.exec;

import dev.fanout.config.Config;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What an attempt is given: where its logs and result go, the environment fanout adds
 * ({@code FANOUT_TASK_ID}, {@code FANOUT_RUN_DIR}, {@code FANOUT_RESULT}, {@code FANOUT_RUN_ID}),
 * the configuration, and, when output is streamed, where its lines go.
 *
 * @param lines receives each output line as it comes (stream mode), or null to write logs only
 */
public record AttemptContext(
        String runId,
        Path runDir,
        Path taskDir,
        Path stdout,
        Path stderr,
        Path resultFile,
        int attempt,
        Map<String, String> fanoutEnv,
        Config config,
        Consumer<OutputLine> lines) {

    /** A line of a task's output. */
    public record OutputLine(String taskId, boolean stderr, String text) {}
}
