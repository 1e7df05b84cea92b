package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The result cache end to end, through {@code fanout run} with real processes (issue 16): a small
 * build of three sources, a link step over their outputs, and a report over the link.
 */
class CacheRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    Path home;
    Path work;
    Path tasks;

    @BeforeEach
    void setUp() throws IOException {
        home = tmp.resolve("home");
        work = Files.createDirectories(tmp.resolve("work/src"));
        work = work.getParent();
        Files.writeString(work.resolve("src/a.txt"), "alpha\n");
        Files.writeString(work.resolve("src/b.txt"), "beta\n");
        Files.writeString(work.resolve("src/c.txt"), "gamma\n");
        write(build("cat src/a.txt src/b.txt src/c.txt >> ../runs.log"));
    }

    private String build(String extraInLink) {
        String cwd = JSON.valueToTree(work.toString()).toString();
        StringBuilder t = new StringBuilder("{\"config\": {\"max_parallel_tasks\": 3}, \"tasks\": [\n");
        for (String s : List.of("a", "b", "c")) {
            t.append("{\"id\": \"compile-" + s + "\", \"cwd\": " + cwd
                    + ", \"command\": \"echo compile-" + s + " >> ../runs.log; mkdir -p out; tr a-z A-Z < src/" + s
                    + ".txt > out/" + s + ".o; chmod 750 out/" + s + ".o\", \"inputs\": [\"src/" + s
                    + ".txt\"], \"outputs\": [\"out/" + s + ".o\"]},\n");
        }
        t.append("{\"id\": \"link\", \"cwd\": " + cwd
                + ", \"depends_on\": [\"compile-a\", \"compile-b\", \"compile-c\"],"
                + " \"command\": \"echo link >> ../runs.log; cat out/a.o out/b.o out/c.o > out/app\","
                + " \"cache\": true, \"outputs\": [\"out/app\"]},\n");
        t.append("{\"id\": \"report\", \"cwd\": " + cwd + ", \"depends_on\": [\"link\"], \"cache\": true,"
                + " \"command\": \"echo report >> ../runs.log; printf '{\\\"lines\\\": %s}' $(wc -l < out/app)\"},\n");
        t.append(
                "{\"id\": \"docs\", \"cwd\": " + cwd + ", \"inputs\": [\"src/*.txt\", \"!src/b.txt\"],"
                        + " \"command\": \"echo docs >> ../runs.log; ls src > out-docs.txt\", \"outputs\": [\"out-docs.txt\"]}\n");
        t.append("]}");
        assertFalse(extraInLink.isEmpty());
        return t.toString();
    }

    private void write(String text) throws IOException {
        tasks = work.resolve("tasks.json"); // inputs are relative to the tasks file's folder
        Files.writeString(tasks, text);
    }

    private Cli.Result fanout(String... args) {
        return Cli.run(home, args);
    }

    /** Runs the build and returns the tasks that really ran, in the order they wrote to the log. */
    private List<String> runBuild(String... extra) throws IOException {
        Files.deleteIfExists(tmp.resolve("runs.log"));
        String[] args = Stream.concat(Stream.of("run", tasks.toString(), "--quiet"), Stream.of(extra))
                .toArray(String[]::new);
        Cli.Result r = fanout(args);
        assertEquals(0, r.exit(), r::toString);
        lastOut = r.out();
        Path log = tmp.resolve("runs.log");
        return Files.exists(log) ? Files.readAllLines(log).stream().sorted().toList() : List.of();
    }

    private static final List<String> ALL = List.of("compile-a", "compile-b", "compile-c", "docs", "link", "report");

    private String lastOut = "";

    /** The record of the last build run, by the id its summary names (two runs may share a second). */
    private JsonNode lastRecord() throws IOException {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(?m)^run (\\S+) ").matcher(lastOut);
        assertTrue(m.find(), lastOut);
        return JSON.readTree(
                home.resolve("runs").resolve(m.group(1)).resolve("run.json").toFile());
    }

    @Test
    void aSecondRunWithNothingChangedRunsNothingAndRecordsEveryTaskAsCached() throws IOException {
        assertEquals(ALL, runBuild());
        assertEquals(List.of(), runBuild());
        JsonNode results = lastRecord().path("results");
        for (String id : ALL) {
            assertEquals("cached", results.path(id).path("status").asText(), id);
            assertEquals(64, results.path(id).path("cache").path("key").asText().length());
            assertTrue(results.path(id).path("cache").path("from_run").asText().matches("\\d{8}-\\d{6}-.*"));
        }
        assertEquals("succeeded", lastRecord().path("status").asText());
        assertEquals(
                3,
                results.path("report").isMissingNode()
                        ? -1
                        : JSON.readTree(home.resolve("runs")
                                        .resolve(lastRecord().path("run_id").asText())
                                        .resolve("tasks/report/result.json")
                                        .toFile())
                                .path("lines")
                                .asInt());
    }

    @Test
    void oneByteChangedInAnInputRerunsItAndWhatDependsOnItOnly() throws IOException {
        runBuild();
        Files.writeString(work.resolve("src/b.txt"), "betA\n");
        assertEquals(List.of("compile-b", "link", "report"), runBuild());
        assertEquals("ALPHA\nBETA\nGAMMA\n", Files.readString(work.resolve("out/app")));
        Files.writeString(work.resolve("src/a.txt"), "alphA\n");
        assertEquals(List.of("compile-a", "docs", "link", "report"), runBuild(), "docs reads a.txt, not b.txt");
    }

    @Test
    void anInputTouchedButUnchangedIsStillAHit() throws IOException {
        runBuild();
        Files.setLastModifiedTime(
                work.resolve("src/a.txt"), FileTime.from(Instant.now().plusSeconds(30)));
        Files.writeString(work.resolve("src/c.txt"), "gamma\n"); // rewritten, same bytes
        assertEquals(List.of(), runBuild());
    }

    @Test
    void outputsAreRestoredByteExactWithTheirModes() throws IOException {
        runBuild();
        byte[] app = Files.readAllBytes(work.resolve("out/app"));
        CacheStoreFiles.deleteTree(work.resolve("out"));
        assertEquals(List.of(), runBuild());
        assertArrayEquals(app, Files.readAllBytes(work.resolve("out/app")));
        assertEquals("ALPHA\n", Files.readString(work.resolve("out/a.o")));
        assertEquals(
                "rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("out/a.o"))));
    }

    @Test
    void aFailedTaskIsNeverCached() throws IOException {
        write(Files.readString(tasks)
                .replace("mkdir -p out; tr a-z A-Z < src/a.txt", "mkdir -p out; exit 3; tr")
                .replace("\"max_parallel_tasks\": 3", "\"max_parallel_tasks\": 3, \"max_retries\": 0"));
        Cli.Result first = fanout("run", tasks.toString(), "--quiet");
        assertEquals(1, first.exit(), first::toString);
        Files.deleteIfExists(tmp.resolve("runs.log"));
        Cli.Result second = fanout("run", tasks.toString(), "--quiet");
        assertEquals(1, second.exit());
        assertTrue(Files.readAllLines(tmp.resolve("runs.log")).contains("compile-a"), "it ran again");
        Cli.Result list = fanout("cache", "list", "--json");
        for (JsonNode e : JSON.readTree(list.out())) {
            assertFalse(e.path("task_id").asText().equals("compile-a"), list.out());
            assertFalse(e.path("task_id").asText().equals("link"), "a skipped task is not stored either");
        }
    }

    @Test
    void noCacheRunsEverythingAndForceRerunsTheNamedTasks() throws IOException {
        runBuild();
        assertEquals(ALL, runBuild("--no-cache"));
        assertEquals(List.of("compile-c", "docs"), runBuild("--force", "compile-c,docs"));
        assertEquals(List.of(), runBuild());
        Cli.Result bad = fanout("run", tasks.toString(), "--force", "compile-x");
        assertEquals(2, bad.exit());
        assertEquals(
                "error: --force compile-x: no such task (did you mean 'compile-a'?)",
                bad.err().strip());
    }

    @Test
    void aDryRunSaysWhichTasksWouldComeFromTheCache() throws IOException {
        runBuild();
        Files.writeString(work.resolve("src/c.txt"), "GAMMA!\n");
        Cli.Result r = fanout("run", tasks.toString(), "--dry-run");
        assertEquals(0, r.exit(), r::toString);
        Map<String, Boolean> fromCache = new LinkedHashMap<>();
        for (String line : r.out().lines().toList()) {
            for (String id : ALL) {
                if (line.matches("\\d+\\s+\\S+\\s+\\S+\\s+" + id + "( .*)?")) {
                    fromCache.put(id, line.contains("(from the cache: stored by run "));
                }
            }
        }
        assertEquals(
                Map.of(
                        "compile-a",
                        true,
                        "compile-b",
                        true,
                        "compile-c",
                        false,
                        "docs",
                        false,
                        "link",
                        false,
                        "report",
                        false),
                fromCache,
                r.out());
        assertTrue(r.out().contains("2 tasks would come from the cache"), r.out());
        assertEquals(List.of(), List.of(), "nothing ran");
        assertFalse(Files.exists(tmp.resolve("runs.log"))
                && Files.readAllLines(tmp.resolve("runs.log")).size() > 6);
    }

    @Test
    void explainSaysWhichInputOrDependencyChanged() throws IOException {
        runBuild();
        Files.writeString(work.resolve("src/a.txt"), "alpha2\n");
        Cli.Result why = fanout("run", tasks.toString(), "--explain", "compile-a");
        assertEquals(0, why.exit(), why::toString);
        assertTrue(why.out().startsWith("compile-a: runs; since its last entry (run "), why.out());
        assertTrue(why.out().contains("\n  input src/a.txt changed\n"), why.out());
        Cli.Result link = fanout("cache", "why", "link", tasks.toString());
        assertTrue(link.out().contains("\n  dependency compile-a changed\n"), link.out());
        Cli.Result b = fanout("cache", "why", "compile-b", tasks.toString());
        assertTrue(b.out().startsWith("compile-b: from the cache (stored by run "), b.out());
        Cli.Result unknown = fanout("cache", "why", "compile-z", tasks.toString());
        assertEquals(2, unknown.exit());
        assertEquals(
                "error: no task 'compile-z' (did you mean 'compile-a'?)",
                unknown.err().strip());
    }

    @Test
    void cacheListShowAndCleanWorkOnTheEntries() throws IOException {
        runBuild();
        Cli.Result list = fanout("cache", "list");
        assertEquals(0, list.exit());
        assertTrue(list.out().contains("6 entries"), list.out());
        JsonNode entries = JSON.readTree(fanout("cache", "list", "--json").out());
        String key = entries.get(0).path("key").asText();
        Cli.Result show = fanout("cache", "show", key.substring(0, 8));
        assertEquals(0, show.exit(), show::toString);
        assertTrue(show.out().startsWith("key       " + key + "\n"), show.out());
        Cli.Result tooShort = fanout("cache", "show", "ab");
        assertEquals(2, tooShort.exit());
        assertEquals(
                "error: 'ab' is not a cache key; give at least its first 4 hex digits, as 'fanout cache list' shows them",
                tooShort.err().strip());
        assertEquals(0, fanout("cache", "clean", "--older-than", "30d").exit());
        assertEquals(6, JSON.readTree(fanout("cache", "list", "--json").out()).size(), "all were used just now");
        Cli.Result small = fanout("cache", "clean", "--max-size", "0");
        assertTrue(small.out().startsWith("removed 6 entries"), small.out());
        assertEquals(ALL, runBuild());
        Cli.Result badAge = fanout("cache", "clean", "--older-than", "soon");
        assertEquals(2, badAge.exit());
        assertEquals(
                "error: --older-than takes an age such as 30d, 12h, 90m or 2w, not 'soon'",
                badAge.err().strip());
    }

    @Test
    void scriptsSeeCachedResultsAndCanRunWithoutTheCache() throws IOException {
        runBuild();
        Files.deleteIfExists(tmp.resolve("runs.log"));
        String file = JSON.valueToTree(tasks.toString()).toString();
        Cli.Result uncached = fanout("js", "fanout.run({file: " + file + ", cache: false}).counts");
        assertEquals(0, uncached.exit(), uncached::toString);
        assertTrue(uncached.out().contains("\"succeeded\" : 6"), uncached.out());
        assertEquals(
                ALL,
                Files.readAllLines(tmp.resolve("runs.log")).stream().sorted().toList());
        Cli.Result cached = fanout(
                "js",
                "fanout.run({file: " + file + "}); fanout.results().filter(r => r.cached && r.status === 'cached'"
                        + " && r.cached_from.length > 0).map(r => r.task_id)");
        assertEquals(0, cached.exit(), cached::toString);
        assertEquals(
                ALL, JSON.readValue(cached.out(), List.class).stream().sorted().toList(), cached.out());
    }

    @Test
    void analyzeCanEstimateTheMakespanWithCachedTasksAtZero() throws IOException {
        runBuild();
        Cli.Result none = fanout("analyze", tasks.toString(), "--with-cache");
        assertTrue(
                none.out()
                        .contains(
                                "with the cache: 6 of 6 tasks would be restored; estimated makespan 0.00s (without: 3.00s)"),
                none.out());
        Files.writeString(work.resolve("src/a.txt"), "changed\n");
        Cli.Result r = fanout("analyze", tasks.toString(), "--with-cache");
        assertEquals(0, r.exit(), r::toString);
        // a, docs, link and report rerun (one unit each): a or docs, then link, then report
        assertTrue(
                r.out()
                        .contains(
                                "with the cache: 2 of 6 tasks would be restored; estimated makespan 3.00s (without: 3.00s)"),
                r.out());
    }

    @Test
    void theShellCompletesCacheKeysAsListShowsThem() throws IOException {
        runBuild();
        CliContext ctx = new CliContext(
                Map.of("FANOUT_HOME", home.toString()),
                new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()),
                false);
        List<String> keys = new java.util.ArrayList<>();
        new Candidates.CacheKeys(ctx).forEach(keys::add);
        assertEquals(6, keys.size(), keys::toString);
        for (String k : keys) {
            assertTrue(k.matches("[0-9a-f]{12}"), k);
            assertEquals(0, fanout("cache", "show", k).exit());
        }
    }
}
