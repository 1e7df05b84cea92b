package dev.fanout.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The cache workload of {@code scripts/bench} (issue 16): {@code generate DIR} writes a 200-task
 * graph over 2,000 input files (16 KiB each: 9 of a task's own, and 200 shared by every task), as
 * a tasks file and as the Makefile of the same graph; {@code hash DIR ROUNDS} hashes those files
 * the way a run does (one {@link FileHashes}, all cores) and prints one sample a round:
 * {@code cache-hash<TAB>seconds} and {@code cache-hash-mb<TAB>megabytes}.
 */
public final class CacheBench {
    static final int TASKS = 200;
    static final int OWN = 9;
    static final int SHARED = 200;
    static final int SIZE = 16 * 1024;

    private CacheBench() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[1]).toAbsolutePath();
        switch (args[0]) {
            case "generate" -> generate(dir);
            case "hash" -> hash(dir, Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("generate DIR | hash DIR ROUNDS");
        }
    }

    static void generate(Path dir) throws IOException {
        Random random = new Random(42);
        byte[] bytes = new byte[SIZE];
        for (int s = 0; s < SHARED; s++) {
            random.nextBytes(bytes);
            write(dir.resolve(String.format(Locale.ROOT, "shared/h%03d.h", s)), bytes);
        }
        for (int t = 0; t < TASKS; t++) {
            for (int f = 0; f < OWN; f++) {
                random.nextBytes(bytes);
                write(dir.resolve(String.format(Locale.ROOT, "src/d%03d/f%d.c", t, f)), bytes);
            }
        }
        StringBuilder tasks = new StringBuilder("[\n");
        StringBuilder make = new StringBuilder("SHARED := $(wildcard shared/*.h)\nall:");
        for (int t = 0; t < TASKS; t++) {
            make.append(String.format(Locale.ROOT, " out/o%03d", t));
        }
        make.append("\n");
        for (int t = 0; t < TASKS; t++) {
            String id = String.format(Locale.ROOT, "%03d", t);
            String parent = t == 0 ? null : String.format(Locale.ROOT, "%03d", (t - 1) / 2);
            // an output as large as the task's own inputs, which also names its dependency's
            String recipe = "sleep 0.5; mkdir -p out; cat src/d" + id + "/*.c > out/o" + id
                    + (parent == null ? "" : "; cksum out/o" + parent + " >> out/o" + id);
            tasks.append(t == 0 ? "" : ",\n")
                    .append("{\"id\": \"t")
                    .append(id)
                    .append("\", \"cwd\": \"")
                    .append(dir)
                    .append("\", ")
                    .append(parent == null ? "" : "\"depends_on\": [\"t" + parent + "\"], ")
                    .append("\"inputs\": [\"src/d")
                    .append(id)
                    .append("\", \"shared\"], \"outputs\": [\"out/o")
                    .append(id)
                    .append("\"], \"estimated_seconds\": 0.5, \"command\": \"")
                    .append(recipe)
                    .append("\"}");
            make.append("out/o")
                    .append(id)
                    .append(": $(wildcard src/d")
                    .append(id)
                    .append("/*.c) $(SHARED)")
                    .append(parent == null ? "" : " out/o" + parent)
                    .append("\n\t")
                    .append(recipe.replace("$", "$$"))
                    .append("\n");
        }
        tasks.append("\n]\n");
        Files.writeString(dir.resolve("tasks.json"), tasks);
        Files.writeString(dir.resolve("Makefile"), make);
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    static void hash(Path dir, int rounds) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String sub : List.of("src", "shared")) {
            try (Stream<Path> all = Files.walk(dir.resolve(sub))) {
                all.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        for (int r = 0; r <= rounds; r++) {
            try (FileHashes hashes = new FileHashes()) {
                long t0 = System.nanoTime();
                hashes.of(files);
                double secs = (System.nanoTime() - t0) / 1e9;
                if (r > 0) { // round 0 warms the JIT
                    System.out.printf(Locale.ROOT, "cache-hash\t%.6f%n", secs);
                }
            }
        }
        System.out.printf(Locale.ROOT, "cache-hash-mb\t%.3f%n", bytes / 1e6);
    }
}
