package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    private List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    @Test
    void replacesTheFileAndLeavesNothingElse() throws IOException {
        Path target = dir.resolve("sub/out.json");
        AtomicFile.write(target, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(target, "two".getBytes(StandardCharsets.UTF_8));
        assertEquals("two", Files.readString(target));
        assertEquals(List.of(target), files(target.getParent()));
    }

    @Test
    void aFailedWriteLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.json");
        Files.writeString(target, "old");
        IOException e = assertThrows(
                IOException.class,
                () -> AtomicFile.write(target, out -> {
                    out.write("half".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("disk full");
                }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), files(dir));
    }

    @Test
    void aTemporaryFileLeftByAnotherProcessIsNeitherOverwrittenNorDeleted() throws IOException {
        Path target = dir.resolve("out.json");
        long pid = ProcessHandle.current().pid();
        List<Path> strangers = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // whatever the counter stands at, the next names this process would try
            strangers.add(
                    Files.writeString(dir.resolve(".out.json." + pid + "." + (i + counterNow()) + ".tmp"), "theirs"));
        }
        AtomicFile.write(target, "mine".getBytes(StandardCharsets.UTF_8));
        assertEquals("mine", Files.readString(target));
        for (Path p : strangers) {
            assertEquals("theirs", Files.readString(p));
        }
    }

    @Test
    void theWrittenFileKeepsTheUsualPermissionsNotATemporaryFilesOwnerOnlyOnes() throws IOException {
        Path target = dir.resolve("out.json");
        Path plain = Files.writeString(dir.resolve("plain.json"), "x");
        AtomicFile.write(target, "y".getBytes(StandardCharsets.UTF_8));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
    }

    /** The number the next write's first try will use. */
    private static long counterNow() throws IOException {
        return AtomicFile.nextSequence();
    }
}
