package dev.fanout.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * git through its command line, one argv list a call (never a shell string). Output is read as
 * UTF-8; the C locale keeps messages parseable, and git never prompts.
 */
public final class Git {
    /** Identity and settings for commits fanout makes, whatever the user's configuration says. */
    public static final List<String> AS_FANOUT =
            List.of("-c", "user.name=fanout", "-c", "user.email=fanout@localhost", "-c", "commit.gpgsign=false");

    private final String program;

    public Git() {
        this("git");
    }

    Git(String program) {
        this.program = program;
    }

    /** What a git command printed and how it exited. */
    public record Output(int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }
    }

    /**
     * Runs {@code git -C dir args…} and returns how it went, whatever the exit code.
     *
     * @throws WorkspaceException when git cannot be started at all
     */
    public Output run(Path dir, List<String> args) {
        List<String> argv = new ArrayList<>(args.size() + 3);
        argv.add(program);
        argv.add("-C");
        argv.add(dir.toString());
        argv.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().remove("GIT_DIR");
        pb.environment().remove("GIT_WORK_TREE");
        pb.environment().remove("GIT_INDEX_FILE");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process p = pb.start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            String out = read(p.getInputStream());
            int exit = p.waitFor();
            return new Output(exit, out, err.join());
        } catch (IOException e) {
            throw new WorkspaceException("cannot run git (" + e.getMessage() + "); install git or put it on PATH");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkspaceException("interrupted while running git " + String.join(" ", args));
        }
    }

    /**
     * Runs git and returns its standard output.
     *
     * @throws WorkspaceException with git's own message when it fails
     */
    public String check(Path dir, String... args) {
        Output o = run(dir, List.of(args));
        if (!o.ok()) {
            String msg = o.err().strip();
            throw new WorkspaceException("git " + args[0] + " failed in " + dir + ": "
                    + (msg.isEmpty()
                            ? "exit code " + o.exit()
                            : msg.lines().findFirst().orElse(msg)));
        }
        return o.out();
    }

    /** As {@link #check}, with fanout's own identity for the commit it makes. */
    public String checkAsFanout(Path dir, String... args) {
        List<String> all = new ArrayList<>(AS_FANOUT);
        all.addAll(List.of(args));
        return check(dir, all.toArray(String[]::new));
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
