package dev.fanout.exec;

import java.nio.file.Path;

/**
 * What a run reports as it goes, for progress displays. Called on the scheduler's thread (output
 * lines: on the task's output thread); implementations must return quickly.
 */
public interface RunListener {
    RunListener NONE = new RunListener() {};

    /** The run has its directory and is about to start tasks. */
    default void runStarted(String runId, Path runDir, int totalTasks, double estimatedSeconds) {}

    /** Something the user should know before the run starts ("created temporary agent …"). */
    default void note(String text) {}

    default void taskStarted(String taskId, int attempt) {}

    /** An attempt failed and will be retried after {@code retryInSeconds}. */
    default void attemptFailed(String taskId, Attempt attempt, double retryInSeconds) {}

    /** A task reached a final status; {@code stdout}/{@code stderr} are its last attempt's logs (may not exist). */
    default void taskEnded(TaskResult result, Path stdout, Path stderr) {}

    /** A line of output, in stream mode only. */
    default void outputLine(AttemptContext.OutputLine line) {}
}
