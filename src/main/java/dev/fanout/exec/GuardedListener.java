package dev.fanout.exec;

import java.io.IOError;
import java.nio.file.Path;

/**
 * A run listener that cannot stop the run: the first time the listener it wraps throws (a
 * progress display whose terminal went away, say), it is dropped and the run goes on, so every
 * task still ends and the run record is still written.
 */
final class GuardedListener implements RunListener {
    private volatile RunListener inner;

    GuardedListener(RunListener inner) {
        this.inner = inner;
    }

    private void call(java.util.function.Consumer<RunListener> event) {
        RunListener l = inner;
        if (l == null) {
            return;
        }
        try {
            event.accept(l);
        } catch (RuntimeException | IOError e) {
            inner = null;
        }
    }

    @Override
    public void runStarted(String runId, Path runDir, int totalTasks, double estimatedSeconds) {
        call(l -> l.runStarted(runId, runDir, totalTasks, estimatedSeconds));
    }

    @Override
    public void note(String text) {
        call(l -> l.note(text));
    }

    @Override
    public void taskStarted(String taskId, int attempt) {
        call(l -> l.taskStarted(taskId, attempt));
    }

    @Override
    public void attemptFailed(String taskId, Attempt attempt, double retryInSeconds) {
        call(l -> l.attemptFailed(taskId, attempt, retryInSeconds));
    }

    @Override
    public void taskEnded(TaskResult result, Path stdout, Path stderr) {
        call(l -> l.taskEnded(result, stdout, stderr));
    }

    @Override
    public void outputLine(AttemptContext.OutputLine line) {
        call(l -> l.outputLine(line));
    }
}
