package dev.fanout.workspace;

import java.nio.file.Path;

/**
 * A task's worktree.
 *
 * @param repository the top folder of the user's checkout it was made from
 * @param dir the worktree's folder
 * @param cwd where the task runs inside it (the task's cwd, relative to the checkout, moved here)
 * @param base the commit it was made at (the task's base)
 * @param start the commit the task starts from: its base with its dependencies' branches merged
 */
public record Worktree(Path repository, Path dir, Path cwd, String branch, String base, String start) {}
