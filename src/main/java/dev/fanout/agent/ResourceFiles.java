package dev.fanout.agent;

import dev.fanout.AtomicFile;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Moves and deletes resource files and folders inside the home. Links are removed, never
 * followed, and nothing outside the home is touched.
 */
final class ResourceFiles {
    private final Path home;

    ResourceFiles(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    /** Deletes a file or a whole folder; nothing when it does not exist. */
    void delete(Path target) throws IOException {
        Path t = inside(target);
        if (!Files.exists(t, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(t, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Moves a file or folder to {@code to}, replacing what is there when {@code replace}. Readers
     * see the old or the new one: a file is renamed over the old; a folder is set aside, the new
     * one renamed in, and the old one deleted (and put back if the rename fails).
     */
    void move(Path from, Path to, boolean replace) throws IOException {
        inside(from);
        inside(to);
        Files.createDirectories(to.getParent());
        boolean folder = Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS);
        if (!folder) {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                AtomicFile.write(to, Files.readAllBytes(from));
                Files.delete(from);
            }
            return;
        }
        Path aside = null;
        if (replace && Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            aside = to.resolveSibling("." + to.getFileName() + ".replaced-" + System.nanoTime());
            Files.move(to, aside, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            moveFolder(from, to);
        } catch (IOException e) {
            if (aside != null) {
                Files.move(aside, to, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        if (aside != null) {
            delete(aside);
        }
    }

    private void moveFolder(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // another file system (a linked skills folder): copy beside the target, then rename in
            Path staging = to.resolveSibling("." + to.getFileName() + ".incoming-" + System.nanoTime());
            try (var files = Files.walk(from)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.copy(
                            p,
                            staging.resolve(from.relativize(p).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES,
                            LinkOption.NOFOLLOW_LINKS);
                }
            }
            Files.move(staging, to, StandardCopyOption.ATOMIC_MOVE);
            delete(from);
        }
    }

    private Path inside(Path p) {
        Path n = p.toAbsolutePath().normalize();
        if (!n.startsWith(home) || n.equals(home)) {
            throw new IllegalArgumentException(p + " is not inside " + home);
        }
        return n;
    }
}
