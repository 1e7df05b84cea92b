package dev.fanout;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file so that readers see either the old content or the new, never a half: the bytes
 * go to a temporary file beside the target, which is then moved over it.
 */
public final class AtomicFile {
    // temporary names from the pid and a counter, not Files.createTempFile: its SecureRandom costs
    // about 30 ms to seed on first use, in the middle of a run's first tasks; and its 0600
    // permissions would stay on the file moved into place
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private AtomicFile() {}

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** The counter the next temporary name starts from (for tests). */
    static long nextSequence() {
        return SEQUENCE.get() + 1;
    }

    /** Replaces {@code target} with {@code bytes}, creating its folder when needed. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Replaces {@code target} with what {@code content} writes, creating its folder when needed. */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = null;
        try {
            OutputStream opened = null;
            for (int tries = 0; opened == null; tries++) {
                tmp = dir.resolve("." + target.getFileName() + "." + PID + "." + SEQUENCE.incrementAndGet() + ".tmp");
                try {
                    opened = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    tmp = null; // left by a process that had this pid before: not ours to delete
                    if (tries == 100) {
                        throw e;
                    }
                }
            }
            try (OutputStream out = opened) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
