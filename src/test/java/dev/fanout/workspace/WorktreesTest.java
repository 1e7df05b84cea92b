package dev.fanout.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorktreesTest {
    @TempDir
    Path tmp;

    @Test
    void aTasksChangesAreCommittedOnItsBranchWithTheirPatchAndCounts() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Worktrees worktrees = new Worktrees(new Git(), tmp.resolve("home/worktrees"));

        Worktree w = worktrees.create(repo.dir(), "r1", "edit", null, List.of());
        Files.writeString(w.dir().resolve("new.txt"), "hello\n");
        Files.writeString(w.dir().resolve("shared.txt"), "line one\nLINE TWO\nline three\n");
        Changes c = worktrees.collect(w, "fanout: edit: change things", tmp.resolve("changes.patch"));

        assertEquals("fanout/r1/edit", c.branch());
        assertEquals(2, c.filesChanged());
        assertEquals(2, c.insertions());
        assertEquals(1, c.deletions());
        assertEquals("hello\n", repo.show("fanout/r1/edit", "new.txt"));
        assertEquals("fanout <fanout@localhost>\n", repo.git("log", "-1", "--format=%an <%ae>", c.commit()));
        assertEquals("fanout: edit: change things\n", repo.git("log", "-1", "--format=%s", c.commit()));
        assertTrue(Files.readString(tmp.resolve("changes.patch")).contains("+LINE TWO"));
    }

    @Test
    void nothingChangedMeansNoCommitAndZeroCounts() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Worktrees worktrees = new Worktrees(new Git(), tmp.resolve("home/worktrees"));

        Worktree w = worktrees.create(repo.dir(), "r1", "idle", "main", List.of());
        Changes c = worktrees.collect(w, "fanout: idle", tmp.resolve("changes.patch"));

        assertEquals(w.start(), c.commit());
        assertEquals(0, c.filesChanged());
        assertEquals("", Files.readString(tmp.resolve("changes.patch")));
    }

    @Test
    void finishRemovesTheWorktreesAndKeepsTheBranches() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Worktrees worktrees = new Worktrees(new Git(), tmp.resolve("home/worktrees"));
        Worktree w = worktrees.create(repo.dir(), "r1", "a", null, List.of());

        worktrees.finish("r1", false);

        assertFalse(Files.exists(w.dir()));
        assertFalse(Files.exists(tmp.resolve("home/worktrees/r1")));
        assertEquals(List.of("fanout/r1/a"), repo.branches("fanout/"));
        assertEquals(1, repo.git("worktree", "list").lines().count());
    }

    @Test
    void aFolderOutsideAnyRepositoryOrAnUnknownBaseIsOneClearError() throws Exception {
        TestRepo repo = TestRepo.create(tmp.resolve("repo"));
        Files.createDirectories(tmp.resolve("plain"));
        Worktrees worktrees = new Worktrees(new Git(), tmp.resolve("home/worktrees"));

        WorkspaceException none = assertThrows(
                WorkspaceException.class, () -> worktrees.create(tmp.resolve("plain"), "r", "t", null, List.of()));
        WorkspaceException base =
                assertThrows(WorkspaceException.class, () -> worktrees.create(repo.dir(), "r", "t", "nope", List.of()));

        assertTrue(none.getMessage().contains("is not in one"), none.getMessage());
        assertTrue(base.getMessage().contains("no commit 'nope'"), base.getMessage());
    }
}
