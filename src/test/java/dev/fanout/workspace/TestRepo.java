package dev.fanout.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A temporary git repository for tests: made with git itself, with helpers to read it back. */
public final class TestRepo {
    private static final Git GIT = new Git();
    private final Path dir;

    private TestRepo(Path dir) {
        this.dir = dir;
    }

    /** A repository with {@code shared.txt} (three lines) and {@code README.md} committed on main. */
    public static TestRepo create(Path dir) throws IOException {
        Files.createDirectories(dir);
        TestRepo repo = new TestRepo(dir);
        repo.git("init", "-q", "-b", "main");
        Files.writeString(dir.resolve("shared.txt"), "line one\nline two\nline three\n");
        Files.writeString(dir.resolve("README.md"), "# demo\n");
        repo.git("add", "-A");
        repo.git("-c", "user.name=test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "start");
        return repo;
    }

    public Path dir() {
        return dir;
    }

    /** Runs git in the repository; fails the test when git fails. */
    public String git(String... args) {
        return GIT.check(dir, args);
    }

    /** The branches whose names start with {@code prefix}. */
    public List<String> branches(String prefix) {
        List<String> out = new ArrayList<>();
        git("for-each-ref", "--format=%(refname:short)", "refs/heads/" + prefix)
                .lines()
                .forEach(out::add);
        return out;
    }

    /** A file's text on a branch. */
    public String show(String branch, String path) {
        return git("show", branch + ":" + path);
    }

    /** Every file of the checkout outside .git, with its bytes (as text), for byte-for-byte comparison. */
    public Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if (!rel.equals(".git") && !rel.startsWith(".git/")) {
                    files.put(rel, java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
                }
            }
        }
        files.put("#status", git("status", "--porcelain"));
        files.put("#head", git("rev-parse", "HEAD") + git("symbolic-ref", "HEAD"));
        return files;
    }
}
