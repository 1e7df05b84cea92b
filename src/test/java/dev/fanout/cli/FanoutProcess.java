package dev.fanout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.DefaultSignals;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * fanout as a real process: {@code java -cp <the test classpath> dev.fanout.cli.Main ARGS}, its
 * output in files, so tests can send it signals, limit its heap, and read its run records.
 */
final class FanoutProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private FanoutProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts fanout.
     *
     * @param logs a folder for its stdout and stderr
     * @param jvmOptions options for its JVM, such as {@code -Xmx64m}
     */
    static FanoutProcess start(Path logs, List<String> jvmOptions, String... args) throws IOException {
        return start(List.of(), logs, jvmOptions, args);
    }

    /**
     * Starts fanout as the leader of a process group of its own, as a shell starts a foreground
     * job: a signal to the group reaches fanout and its tasks alike, as Ctrl-C on a terminal does.
     */
    static FanoutProcess startInOwnGroup(Path logs, String... args) throws IOException {
        return start(List.of("setsid"), logs, List.of(), args);
    }

    private static FanoutProcess start(List<String> prefix, Path logs, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        // the signals tests send must not be ignored by inheritance (nohup, a background job)
        command.addAll(DefaultSignals.prefix());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Files.createDirectories(logs);
        Path out = logs.resolve("fanout.stdout");
        Path err = logs.resolve("fanout.stderr");
        Process p = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new FanoutProcess(p, out, err);
    }

    long pid() {
        return process.pid();
    }

    /** Waits for it to end; returns its exit code. */
    int await(Duration limit) throws IOException, InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("fanout did not end within " + limit + "; stderr: " + stderr());
        }
        return process.exitValue();
    }

    /** Sends a signal by name (INT, KILL) with kill(1). */
    void signal(String name) throws IOException, InterruptedException {
        kill(name, Long.toString(pid()));
    }

    /** Sends a signal to fanout's whole process group (started with {@link #startInOwnGroup}). */
    void signalGroup(String name) throws IOException, InterruptedException {
        kill(name, "-" + pid());
    }

    private static void kill(String signal, String target) throws IOException, InterruptedException {
        int code = new ProcessBuilder("kill", "-" + signal, "--", target)
                .inheritIO()
                .start()
                .waitFor();
        if (code != 0) {
            throw new AssertionError("kill -" + signal + " " + target + " failed");
        }
    }

    String stdout() throws IOException {
        return Files.readString(stdout);
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** The only run folder under {@code home}, once it has a run.json. */
    static Optional<Path> runDir(Path home) throws IOException {
        Path runs = home.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(d -> Files.exists(d.resolve("run.json"))).findFirst();
        }
    }

    /**
     * Polls the run record under {@code home} until it satisfies {@code condition} (bounded: the
     * record is written by another process, so there is nothing to wait on but the file).
     */
    JsonNode awaitRecord(Path home, Predicate<JsonNode> condition, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Optional<Path> dir = runDir(home);
            if (dir.isPresent()) {
                try {
                    last = JSON.readTree(dir.get().resolve("run.json").toFile());
                    if (condition.test(last)) {
                        return last;
                    }
                } catch (IOException e) {
                    // written atomically, so this is only a moment between list and read
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("fanout ended early, exit " + process.exitValue() + ": " + stderr());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the run record never got there; last: " + last);
    }

    /** Whether every file given exists; for polls. */
    static boolean allExist(Path... files) {
        return Stream.of(files).allMatch(Files::exists);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
