package dev.fanout.cache;

import dev.fanout.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cache folder ({@code $FANOUT_HOME/cache}): {@code entries/KE/KEY/} holds one entry, its
 * {@code entry.json} and its files under {@code blobs/}, named by their SHA-256. An entry is built
 * in {@code tmp/} and renamed into place, so a reader sees a whole entry or none, and of two
 * fanouts storing one key the second rename fails and leaves the first entry whole. Entries are
 * removed by renaming them out first, for the same reason. Files are checked against their
 * digests before anything is restored.
 */
public final class CacheStore {
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** In the name of a restored file's checked copy, staged beside its target until every file is checked. */
    private static final String STAGED = ".fanout-cache.";

    /** Whether a file is a restore's staged copy (not an output of a task). */
    static boolean isStagedCopy(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.contains(STAGED);
    }

    private final Path root;

    public CacheStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    Path entryDir(String key) {
        return root.resolve("entries").resolve(key.substring(0, 2)).resolve(key);
    }

    private Path tmpDir() {
        return root.resolve("tmp");
    }

    /** A file to keep in an entry: where it is now, and its name in the entry. */
    record Source(String path, Path file) {}

    /**
     * Stores an entry: copies the files (hashing them as they are copied) into a new entry folder
     * and renames it into place.
     *
     * @param replace put it in place of an entry of the same key (a forced rerun), rather than
     *     keep that one
     * @return the entry as stored, or the one already there when another fanout stored it first
     * @throws IOException when the cache folder cannot be written (full, read-only)
     */
    CacheEntry store(CacheEntry header, List<Source> logs, List<Source> outputs, boolean replace) throws IOException {
        String key = header.key();
        Path tmp = tmpDir().resolve(key + "." + PID + "." + SEQUENCE.incrementAndGet());
        try {
            Files.createDirectories(tmp.resolve("blobs"));
            java.util.Map<String, CacheEntry.StoredFile> storedLogs = new java.util.LinkedHashMap<>();
            for (Source s : logs) {
                storedLogs.put(s.path(), copyIn(s, tmp.resolve("blobs")));
            }
            List<CacheEntry.StoredFile> storedOutputs = new ArrayList<>();
            for (Source s : outputs) {
                storedOutputs.add(copyIn(s, tmp.resolve("blobs")));
            }
            CacheEntry entry = new CacheEntry(
                    key,
                    header.taskId(),
                    header.runId(),
                    header.createdAt(),
                    header.seconds(),
                    storedLogs,
                    storedOutputs);
            Files.write(tmp.resolve("entry.json"), entry.toJson(), StandardOpenOption.CREATE_NEW);
            Path target = entryDir(key);
            Files.createDirectories(target.getParent());
            if (replace && Files.exists(target)) {
                remove(target);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                return entry;
            } catch (IOException e) {
                if (Files.isDirectory(target)) {
                    return entry; // another fanout stored this key first: its entry stands
                }
                throw e;
            }
        } finally {
            deleteTree(tmp);
        }
    }

    private static CacheEntry.StoredFile copyIn(Source s, Path blobs) throws IOException {
        Path part = blobs.resolve("part." + SEQUENCE.incrementAndGet());
        MessageDigest md = Sha256.digest();
        long size;
        try (InputStream in = new DigestInputStream(Files.newInputStream(s.file()), md);
                OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE_NEW)) {
            size = in.transferTo(out);
        }
        String sha = HexFormat.of().formatHex(md.digest());
        Path blob = blobs.resolve(sha);
        if (Files.exists(blob)) {
            Files.delete(part);
        } else {
            Files.move(part, blob);
        }
        return new CacheEntry.StoredFile(s.path(), sha, size, mode(s.file()));
    }

    private static String mode(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException | IOException e) {
            return null;
        }
    }

    /**
     * The entry of that key.
     *
     * @return null when there is none
     * @throws IOException when there is one but its entry.json is damaged
     */
    CacheEntry read(String key) throws IOException {
        Path file = entryDir(key).resolve("entry.json");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        CacheEntry e = CacheEntry.parse(bytes);
        if (!e.key().equals(key)) {
            throw new IOException("entry.json names another key");
        }
        return e;
    }

    /** Where a restored file goes, and where its checked copy waits until every file has been checked. */
    record Placement(CacheEntry.StoredFile file, Path target) {}

    /**
     * Restores files of an entry: each blob is copied beside its target while it is hashed; only
     * when every copy matches its digest and size are they moved into place, with their modes.
     *
     * @throws IOException when a blob is missing, or differs from its digest; nothing is placed then
     */
    void restore(String key, List<Placement> placements) throws IOException {
        Path blobs = entryDir(key).resolve("blobs");
        List<Path> staged = new ArrayList<>();
        try {
            for (Placement p : placements) {
                Path dir = p.target().toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path tmp =
                        dir.resolve("." + p.target().getFileName() + STAGED + PID + "." + SEQUENCE.incrementAndGet());
                staged.add(tmp);
                MessageDigest md = Sha256.digest();
                long size;
                try (InputStream in = new DigestInputStream(
                                Files.newInputStream(blobs.resolve(p.file().sha256())), md);
                        OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
                    size = in.transferTo(out);
                } catch (NoSuchFileException e) {
                    throw new IOException("its copy of " + p.file().path() + " is missing");
                }
                if (size != p.file().size()
                        || !HexFormat.of()
                                .formatHex(md.digest())
                                .equals(p.file().sha256())) {
                    throw new IOException("its copy of " + p.file().path() + " was changed after it was stored");
                }
                if (p.file().mode() != null) {
                    try {
                        Files.setPosixFilePermissions(
                                tmp, PosixFilePermissions.fromString(p.file().mode()));
                    } catch (UnsupportedOperationException | IllegalArgumentException e) {
                        // no POSIX modes here (or a mode text from elsewhere): the bytes still count
                    }
                }
            }
            for (int i = 0; i < placements.size(); i++) {
                Path target = placements.get(i).target();
                if (Files.isDirectory(target)) {
                    throw new IOException(target + " is a folder now, not a file");
                }
                try {
                    Files.move(
                            staged.get(i), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(staged.get(i), target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            used(key);
        } finally {
            for (Path p : staged) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Marks an entry as used now, for {@code clean --older-than}. */
    private void used(String key) {
        try {
            Files.setLastModifiedTime(entryDir(key), FileTime.from(Instant.now()));
        } catch (IOException e) {
            // a read-only cache still serves hits
        }
    }

    /** Removes an entry: renamed out first, so no reader sees half of it. */
    void remove(String key) throws IOException {
        remove(entryDir(key));
    }

    private void remove(Path entry) throws IOException {
        Files.createDirectories(tmpDir());
        Path trash = tmpDir().resolve("removed." + entry.getFileName() + "." + PID + "." + SEQUENCE.incrementAndGet());
        try {
            Files.move(entry, trash, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return;
        }
        deleteTree(trash);
    }

    /** One stored entry as a listing shows it. */
    public record Listed(String key, CacheEntry entry, Instant lastUsed, long bytes, String problem) {}

    /** What a clean removed and kept. */
    public record Cleaned(int removed, long freedBytes, int kept, long keptBytes) {}

    /** Every entry, damaged ones with their problem, most recently used first. */
    public List<Listed> list() throws IOException {
        return new CacheEntries(this).list();
    }

    /** See {@link CacheEntries#clean}. */
    public Cleaned clean(Instant olderThan, Long maxBytes) throws IOException {
        return new CacheEntries(this).clean(olderThan, maxBytes);
    }

    /** See {@link CacheEntries#resolveKey}. */
    public String resolveKey(String abbreviation) throws IOException {
        return new CacheEntries(this).resolveKey(abbreviation);
    }

    /** Every entry's key, from folder names alone (cheap: for completion). */
    public List<String> keys() throws IOException {
        return new CacheEntries(this).keys();
    }

    /**
     * The entry of a key, for {@code cache show}.
     *
     * @throws IOException when it is damaged
     */
    public CacheEntry entry(String key) throws IOException {
        return read(key);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The file that remembers the manifest of a task's last stored entry. */
    Path lastFile(String taskId, Path cwd) {
        return root.resolve("last").resolve(Sha256.hex(cwd + "\0" + taskId) + ".json");
    }

    void writeLast(Path file, byte[] json) throws IOException {
        AtomicFile.write(file, json);
    }
}
