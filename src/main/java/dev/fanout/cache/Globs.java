package dev.fanout.cache;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeMap;

/**
 * Expands a task's {@code inputs} or {@code outputs}: globs relative to a folder, {@code !}
 * excludes, and a folder named plainly meaning every file beneath it. Symbolic links are followed
 * (the content is what counts); a link loop or an unreadable folder makes the expansion fail,
 * since a key over part of the inputs could give a wrong hit.
 */
final class Globs {
    private Globs() {}

    /**
     * The files matched, by their path relative to {@code base} ('/' separators), sorted.
     *
     */
    static Expansion expand(Path base, List<String> globs) {
        return expand(base, globs, "input");
    }

    /** As {@link #expand(Path, List)}, naming the globs {@code noun} ("output") in failures. */
    static Expansion expand(Path base, List<String> globs, String noun) {
        List<PathMatcher> excludes = new ArrayList<>();
        List<String> includes = new ArrayList<>();
        for (String g : globs) {
            if (g.startsWith("!")) {
                // matched against absolute paths: a tasks file's inputs arrive resolved
                excludes.add(FileSystems.getDefault().getPathMatcher("glob:" + absolute(base, clean(g.substring(1)))));
            } else {
                includes.add(clean(g));
            }
        }
        TreeMap<String, Path> files = new TreeMap<>();
        List<String> unmatched = new ArrayList<>();
        for (String g : includes) {
            int before = files.size();
            boolean[] any = {false};
            try {
                walk(base, g, excludes, (rel, file) -> {
                    any[0] = true;
                    files.put(rel, file);
                });
            } catch (FileSystemLoopException e) {
                return Expansion.failed(noun + " '" + g + "' leads into a symbolic link loop at " + e.getFile());
            } catch (IOException e) {
                return Expansion.failed(noun + " '" + g + "' cannot be read (" + describe(e) + ")");
            }
            if (!any[0] && files.size() == before) {
                unmatched.add(g);
            }
        }
        return new Expansion(files, unmatched, null);
    }

    /** What a set of globs expanded to, or why it could not be. */
    record Expansion(TreeMap<String, Path> files, List<String> unmatched, String failure) {
        static Expansion failed(String why) {
            return new Expansion(new TreeMap<>(), List.of(), why);
        }
    }

    private interface Sink {
        void accept(String relative, Path file);
    }

    private static void walk(Path base, String glob, List<PathMatcher> excludes, Sink sink) throws IOException {
        int meta = firstMeta(glob);
        if (meta < 0) {
            Path p = base.resolve(glob).normalize();
            if (Files.isRegularFile(p)) {
                emit(base, p, excludes, sink);
            } else if (Files.isDirectory(p)) {
                tree(base, p, null, excludes, sink);
            }
            return;
        }
        // walk from the folder before the first wildcard, not from base: "src/**/*.c" reads only src
        int slash = glob.lastIndexOf('/', meta);
        Path root = slash < 0 ? base : base.resolve(glob.substring(0, slash)).normalize();
        if (!Files.isDirectory(root)) {
            return;
        }
        // the pattern as the walk sees paths: absolute, its fixed folder part normalized
        String pattern = slash < 0 ? absolute(base, glob) : root + glob.substring(slash);
        tree(base, root, FileSystems.getDefault().getPathMatcher("glob:" + pattern), excludes, sink);
    }

    private static void tree(Path base, Path root, PathMatcher include, List<PathMatcher> excludes, Sink sink)
            throws IOException {
        Files.walkFileTree(
                root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && excluded(dir, excludes)
                                ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        // a restore of the same outputs by another fanout stages its copies beside them
                        if (attrs.isRegularFile() && !CacheStore.isStagedCopy(file)) {
                            if (include == null || include.matches(file)) {
                                emit(base, file, excludes, sink);
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        throw e;
                    }
                });
    }

    private static void emit(Path base, Path file, List<PathMatcher> excludes, Sink sink) {
        if (!excluded(file, excludes)) {
            sink.accept(relative(base, file), file);
        }
    }

    /** Excluded when an exclude matches the path or one of the folders it is in ("!build" drops build/**). */
    private static boolean excluded(Path file, List<PathMatcher> excludes) {
        if (excludes.isEmpty()) {
            return false;
        }
        for (Path q = file; q != null; q = q.getParent()) {
            for (PathMatcher m : excludes) {
                if (m.matches(q)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A glob made absolute against {@code base} (a glob's wildcards are plain characters to Path). */
    private static String absolute(Path base, String glob) {
        String b = base.toString();
        return glob.startsWith("/") ? glob : b + (b.endsWith("/") ? "" : "/") + glob;
    }

    static String relative(Path base, Path file) {
        String rel = base.relativize(file).toString();
        return rel.replace(java.io.File.separatorChar, '/');
    }

    private static String clean(String glob) {
        String g = glob.replace('\\', '/');
        while (g.startsWith("./")) {
            g = g.substring(2);
        }
        while (g.endsWith("/") && g.length() > 1) {
            g = g.substring(0, g.length() - 1);
        }
        return g;
    }

    private static int firstMeta(String glob) {
        for (int i = 0; i < glob.length(); i++) {
            if ("*?[{".indexOf(glob.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
