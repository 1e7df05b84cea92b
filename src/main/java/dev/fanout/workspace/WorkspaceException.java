package dev.fanout.workspace;

/** A git operation on a task's worktree failed; the message is for the user. */
public class WorkspaceException extends RuntimeException {
    public WorkspaceException(String message) {
        super(message);
    }
}
