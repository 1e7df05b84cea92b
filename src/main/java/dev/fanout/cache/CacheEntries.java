package dev.fanout.cache;

import dev.fanout.FanoutException;
import dev.fanout.Hint;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The cache's entries as a whole: listing them, finding one by an abbreviated key, cleaning. */
final class CacheEntries {
    private final CacheStore store;
    private final Path root;

    CacheEntries(CacheStore store) {
        this.store = store;
        this.root = store.root();
    }

    /** Every entry, damaged ones with their problem. */
    List<CacheStore.Listed> list() throws IOException {
        List<CacheStore.Listed> out = new ArrayList<>();
        Path entries = root.resolve("entries");
        if (!Files.isDirectory(entries)) {
            return out;
        }
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(entries)) {
            for (Path shard : shards) {
                if (!Files.isDirectory(shard)) {
                    continue;
                }
                try (DirectoryStream<Path> keys = Files.newDirectoryStream(shard)) {
                    for (Path dir : keys) {
                        String key = dir.getFileName().toString();
                        if (!Sha256.isHex(key)) {
                            continue;
                        }
                        Instant used;
                        try {
                            used = Files.getLastModifiedTime(dir).toInstant();
                        } catch (NoSuchFileException e) {
                            continue; // removed meanwhile
                        }
                        CacheEntry e = null;
                        String problem = null;
                        try {
                            e = store.read(key);
                        } catch (IOException x) {
                            problem = x.getMessage();
                        }
                        if (e == null && problem == null) {
                            continue;
                        }
                        out.add(new CacheStore.Listed(key, e, used, treeSize(dir), problem));
                    }
                }
            }
        }
        out.sort(java.util.Comparator.comparing(CacheStore.Listed::lastUsed)
                .reversed()
                .thenComparing(CacheStore.Listed::key));
        return out;
    }

    /**
     * Removes entries last used before {@code olderThan}, then the least recently used ones until
     * the rest fit in {@code maxBytes}; damaged entries always. With neither limit, removes every
     * entry and every task's last-key note.
     *
     * @param olderThan null for no age limit
     * @param maxBytes null for no size limit
     */
    CacheStore.Cleaned clean(Instant olderThan, Long maxBytes) throws IOException {
        boolean all = olderThan == null && maxBytes == null;
        int removed = 0;
        long freed = 0;
        int kept = 0;
        long keptBytes = 0;
        for (CacheStore.Listed l : list()) { // newest use first
            boolean drop = all
                    || l.problem() != null
                    || olderThan != null && l.lastUsed().isBefore(olderThan)
                    || maxBytes != null && keptBytes + l.bytes() > maxBytes;
            if (drop) {
                store.remove(l.key());
                removed++;
                freed += l.bytes();
            } else {
                kept++;
                keptBytes += l.bytes();
            }
        }
        Path last = root.resolve("last");
        if (Files.isDirectory(last)) {
            try (DirectoryStream<Path> notes = Files.newDirectoryStream(last)) {
                for (Path note : notes) {
                    if (all
                            || olderThan != null
                                    && Files.getLastModifiedTime(note)
                                            .toInstant()
                                            .isBefore(olderThan)) {
                        Files.deleteIfExists(note);
                    }
                }
            }
        }
        return new CacheStore.Cleaned(removed, freed, kept, keptBytes);
    }

    /**
     * The key an abbreviation names (at least 4 hex digits, as git takes them).
     *
     * @throws FanoutException (bad input) saying why, for an unknown or ambiguous abbreviation
     */
    String resolveKey(String abbreviation) throws IOException {
        String a = abbreviation.toLowerCase(java.util.Locale.ROOT);
        if (a.length() < 4
                || a.length() > 64
                || !a.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            throw FanoutException.badInput(
                    "'" + abbreviation + "' is not a cache key",
                    Hint.command("cache", "list")
                            .before("; give at least its first 4 hex digits, as ")
                            .after(" shows them"));
        }
        List<String> found = new ArrayList<>();
        for (String k : keys()) {
            if (k.startsWith(a)) {
                found.add(k);
            }
        }
        if (found.isEmpty()) {
            throw FanoutException.badInput(
                    "no cache entry has key " + abbreviation,
                    Hint.command("cache", "list").before("; ").after(" shows them"));
        }
        if (found.size() > 1) {
            throw FanoutException.badInput(
                    "key " + abbreviation + " is ambiguous (" + found.size() + " entries); give more of its digits");
        }
        return found.get(0);
    }

    /** Every entry's key, from folder names alone (cheap: for completion). */
    List<String> keys() throws IOException {
        List<String> out = new ArrayList<>();
        Path entries = root.resolve("entries");
        if (!Files.isDirectory(entries)) {
            return out;
        }
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(entries)) {
            for (Path shard : shards) {
                if (Files.isDirectory(shard)) {
                    try (DirectoryStream<Path> keys = Files.newDirectoryStream(shard)) {
                        keys.forEach(k -> {
                            if (Sha256.isHex(k.getFileName().toString())) {
                                out.add(k.getFileName().toString());
                            }
                        });
                    }
                }
            }
        }
        java.util.Collections.sort(out);
        return out;
    }

    private static long treeSize(Path dir) {
        long[] n = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    n[0] += attrs.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // counted what could be counted
        }
        return n[0];
    }
}
