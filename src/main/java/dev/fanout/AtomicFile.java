package dev.fanout;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file so that readers see either the old content or the new, never a half: the bytes
 * go to a temporary file beside the target, which is then moved over it. The temporary file is
 * forced to disk before the move and the folder after it, so a power loss leaves the old file or
 * the new one, not an empty one (a rename can reach the disk before the data it names).
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
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            syncFolder(dir.getParent()); // so the new folder itself survives a power loss
        }
        Path tmp = null;
        try {
            FileChannel opened = null;
            for (int tries = 0; opened == null; tries++) {
                tmp = dir.resolve("." + target.getFileName() + "." + PID + "." + SEQUENCE.incrementAndGet() + ".tmp");
                try {
                    opened = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    tmp = null; // left by a process that had this pid before: not ours to delete
                    if (tries == 100) {
                        throw e;
                    }
                }
            }
            try (FileChannel channel = opened) {
                content.writeTo(new KeptOpen(Channels.newOutputStream(channel)));
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            syncFolder(dir);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** A stream whose close only flushes: writers such as Jackson close what they write to. */
    private static final class KeptOpen extends FilterOutputStream {
        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /**
     * Forces a folder's entries (a rename, a new file) to disk. Some file systems and platforms
     * refuse to open or sync a folder; the write has still happened, so that is not an error.
     */
    static boolean syncFolder(Path dir) {
        if (dir == null) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
