package dev.fanout.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, as a test drives it: {@code --dump-dom} for the page as its script
 * left it, {@code --screenshot} for a person to look at. Each call starts a browser of its own
 * with a new profile, logging the page's console to stderr and every network event to a net log.
 */
public final class Chromium {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final Pattern CONSOLE = Pattern.compile(":CONSOLE[:(][^\\]]*\\] (.*)");

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** The system's Chromium; the test is skipped, saying why, when there is none. */
    public static Chromium require() {
        Optional<Path> found = find();
        assumeTrue(
                found.isPresent(),
                "no chromium on PATH: ./scripts/test installs Debian's chromium when run as root; skipping");
        return new Chromium(found.get());
    }

    static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : NAMES) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * What one page load did.
     *
     * @param dom the DOM after the page's script ran
     * @param console every console message the page logged (any level)
     * @param requests every URL the browser's network stack was asked for
     * @param millis the browser's wall time, start-up included
     */
    public record Load(String dom, List<String> console, List<String> requests, long millis) {}

    /** Loads a file and returns its DOM as the script left it. */
    public Load dumpDom(Path html, Path work) throws IOException, InterruptedException {
        return run(html, work, List.of("--dump-dom"));
    }

    /** Loads a file in a window of {@code width}×{@code height} and writes a PNG of it. */
    public Load screenshot(Path html, Path png, int width, int height, Path work)
            throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        return run(
                html,
                work,
                List.of(
                        "--screenshot=" + png.toAbsolutePath(),
                        "--window-size=" + width + "," + height,
                        "--hide-scrollbars"));
    }

    private Load run(Path html, Path work, List<String> action) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(work, "chromium");
        Path netLog = dir.resolve("net.json");
        List<String> cmd = new ArrayList<>(List.of(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"),
                "--enable-logging=stderr",
                "--v=0",
                "--log-net-log=" + netLog));
        cmd.addAll(action);
        cmd.add(html.toAbsolutePath().toUri().toString());
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IOException("chromium did not finish in 180 s; its log: " + err);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (p.exitValue() != 0) {
            throw new IOException("chromium exited " + p.exitValue() + ": " + Files.readString(err));
        }
        List<String> console = new ArrayList<>();
        for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
            Matcher m = CONSOLE.matcher(line);
            if (m.find()) {
                console.add(m.group(1));
            }
        }
        return new Load(Files.readString(out, StandardCharsets.UTF_8), console, pageRequests(netLog), millis);
    }

    /**
     * The URLs the page asked for. The browser fetches things of its own (time, accounts,
     * models) whatever the flags say; a page's requests are those keyed to the page's site, a
     * {@code file://} one.
     */
    private static List<String> pageRequests(Path netLog) throws IOException {
        List<String> requests = new ArrayList<>();
        JsonNode log = new ObjectMapper().readTree(netLog.toFile());
        for (JsonNode event : log.path("events")) {
            JsonNode params = event.path("params");
            if (params.has("url")
                    && params.path("network_isolation_key").asText().contains("file://")) {
                requests.add(params.get("url").asText());
            }
        }
        return requests;
    }
}
