package dev.fanout.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Content digests of files for one run: each file is read once, however many tasks name it, and
 * a task's files are hashed on all cores at once. Two tasks asking for one file at the same time
 * share one read.
 */
final class FileHashes implements AutoCloseable {
    private final Map<Path, CompletableFuture<String>> digests = new ConcurrentHashMap<>();
    private final int threads;
    private ExecutorService pool;

    FileHashes() {
        this(Runtime.getRuntime().availableProcessors());
    }

    FileHashes(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** How many files have been read (for tests: each once). */
    int filesRead() {
        return digests.size();
    }

    /**
     * The digests of these files, in their order.
     *
     * @throws IOException the first file that could not be read
     */
    List<String> of(List<Path> files) throws IOException {
        List<CompletableFuture<String>> futures = new ArrayList<>(files.size());
        List<Runnable> mine = new ArrayList<>();
        for (Path f : files) {
            CompletableFuture<String> fresh = new CompletableFuture<>();
            CompletableFuture<String> known = digests.putIfAbsent(f, fresh);
            if (known == null) {
                mine.add(() -> {
                    try {
                        fresh.complete(Sha256.ofFile(f));
                    } catch (IOException | RuntimeException e) {
                        fresh.completeExceptionally(e);
                    }
                });
                futures.add(fresh);
            } else {
                futures.add(known);
            }
        }
        hash(mine);
        List<String> out = new ArrayList<>(files.size());
        for (CompletableFuture<String> f : futures) {
            out.add(join(f));
        }
        return out;
    }

    /** Runs the reads: here for a few files, else spread over the pool with this thread helping. */
    private void hash(List<Runnable> reads) {
        if (reads.size() < 8 || threads == 1) {
            reads.forEach(Runnable::run);
            return;
        }
        List<Future<?>> started = new ArrayList<>();
        ExecutorService p = pool();
        int helpers = threads - 1;
        int chunk = (reads.size() + threads - 1) / threads;
        for (int h = 0; h < helpers; h++) {
            List<Runnable> part =
                    reads.subList(Math.min(reads.size(), (h + 1) * chunk), Math.min(reads.size(), (h + 2) * chunk));
            started.add(p.submit(() -> part.forEach(Runnable::run)));
        }
        reads.subList(0, Math.min(reads.size(), chunk)).forEach(Runnable::run);
        for (Future<?> f : started) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                // each read completes its own future, exceptionally when it fails
            }
        }
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            // idle threads end by themselves: a shell session's runs leave none behind
            java.util.concurrent.ThreadPoolExecutor p = new java.util.concurrent.ThreadPoolExecutor(
                    threads - 1,
                    threads - 1,
                    2,
                    java.util.concurrent.TimeUnit.SECONDS,
                    new java.util.concurrent.LinkedBlockingQueue<>(),
                    r -> {
                        Thread t = new Thread(r, "fanout-hash");
                        t.setDaemon(true);
                        return t;
                    });
            p.allowCoreThreadTimeOut(true);
            pool = p;
        }
        return pool;
    }

    private static String join(CompletableFuture<String> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing inputs");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IOException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
