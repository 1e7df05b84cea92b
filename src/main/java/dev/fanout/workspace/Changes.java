package dev.fanout.workspace;

/**
 * What a task changed in its worktree, committed on its branch.
 *
 * @param base the commit its worktree was made at
 * @param start the commit the task started from (its base, with its dependencies merged)
 * @param commit the branch's commit after the task (equal to start when nothing changed)
 */
public record Changes(
        String branch, String base, String start, String commit, int filesChanged, int insertions, int deletions) {}
