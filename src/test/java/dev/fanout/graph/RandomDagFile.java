package dev.fanout.graph;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a random acyclic tasks file for the benchmark: {@code n} tasks, each depending on up to
 * three distinct tasks created before it (so about 3 edges a task), listed in a shuffled order so
 * the file order is not already a topological order. The same seed gives the same file. It can
 * also write the same dependencies as an edge list for {@code tsort}, the peer of
 * {@code fanout analyze} in {@code scripts/bench}.
 *
 * <p>Run: {@code scripts/gen-graph N FILE [SEED]}.
 */
public final class RandomDagFile {
    public static final long DEFAULT_SEED = 20240611L;
    private static final String[] TYPES = {"build", "testing", "search", "file_read"};
    private static final int EDGES_PER_TASK = 3;

    private final int tasks;
    private final long seed;

    public RandomDagFile(int tasks, long seed) {
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be at least 1, not " + tasks);
        }
        this.tasks = tasks;
        this.seed = seed;
    }

    /** Writes the file; returns the number of dependencies written. */
    public long writeTo(Path file) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            return writeTo(out, null);
        }
    }

    /**
     * Writes the tasks file and, to {@code edgeFile}, the same graph as {@code tsort} reads it:
     * one "dependency task" pair a line, and "task task" for a task without dependencies (a pair
     * of one item only says it exists). Returns the number of dependencies written.
     */
    public long writeTo(Path file, Path edgeFile) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
                Writer edges = new BufferedWriter(Files.newBufferedWriter(edgeFile, StandardCharsets.UTF_8), 1 << 16)) {
            return writeTo(out, edges);
        }
    }

    long writeTo(Writer out) throws IOException {
        return writeTo(out, null);
    }

    private long writeTo(Writer out, Writer edgeList) throws IOException {
        Random random = new Random(seed);
        int[] order = new int[tasks];
        for (int i = 0; i < tasks; i++) {
            order[i] = i;
        }
        for (int i = tasks - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        long edges = 0;
        int[] deps = new int[EDGES_PER_TASK];
        out.write("{\"tasks\": [\n");
        for (int k = 0; k < tasks; k++) {
            int i = order[k];
            // task i depends on distinct earlier tasks; the numbering is the hidden topological order
            int count = Math.min(i, EDGES_PER_TASK);
            for (int d = 0; d < count; d++) {
                int candidate;
                do {
                    candidate = random.nextInt(i);
                } while (contains(deps, d, candidate));
                deps[d] = candidate;
            }
            edges += count;
            out.write("{\"id\":\"t" + i + "\",\"type\":\"" + TYPES[i % TYPES.length] + "\",\"estimated_seconds\":"
                    + (1 + random.nextInt(300)) + ",\"depends_on\":[");
            for (int d = 0; d < count; d++) {
                out.write((d > 0 ? ",\"t" : "\"t") + deps[d] + "\"");
            }
            out.write("],\"command\":[\"echo\",\"t" + i + "\"]}" + (k + 1 < tasks ? ",\n" : "\n"));
            if (edgeList != null) {
                for (int d = 0; d < count; d++) {
                    edgeList.write("t" + deps[d] + " t" + i + "\n");
                }
                if (count == 0) {
                    edgeList.write("t" + i + " t" + i + "\n");
                }
            }
        }
        out.write("]}\n");
        return edges;
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: gen-graph N FILE [SEED]");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0].replace("_", ""));
        long seed = args.length == 3 ? Long.parseLong(args[2]) : DEFAULT_SEED;
        long edges = new RandomDagFile(n, seed).writeTo(Path.of(args[1]));
        System.out.println(args[1] + ": " + n + " tasks, " + edges + " dependencies (seed " + seed + ")");
    }
}
