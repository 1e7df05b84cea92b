package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result cache across real fanout processes: the environment they inherit, and two at once (issue 16). */
@dev.fanout.ProcessTest
class CacheProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Process start(Map<String, String> env, Path logs, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of("--home", tmp.resolve("home").toString()));
        command.addAll(List.of(args));
        Files.createDirectories(logs);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(logs.resolve("stdout").toFile())
                .redirectError(logs.resolve("stderr").toFile());
        pb.environment().remove("FANOUT_HOME");
        pb.environment().putAll(env);
        return pb.start();
    }

    private int await(Process p, Path logs) throws Exception {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("fanout did not end; stderr: " + Files.readString(logs.resolve("stderr")));
        }
        return p.exitValue();
    }

    private JsonNode statuses(Path logs) throws IOException {
        // --json prints the run record
        return JSON.readTree(Files.readString(logs.resolve("stdout"))).path("results");
    }

    @Test
    void aChangedEnvInputRerunsTheTaskAndAnUnchangedOneIsAHit() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("name.txt"), "world\n");
        Path tasks = work.resolve("tasks.json");
        Files.writeString(
                tasks,
                "[{\"id\": \"greet\", \"cwd\": " + JSON.valueToTree(work.toString())
                        + ", \"inputs\": [\"name.txt\"], \"env_inputs\": [\"GREETING\"], \"outputs\": [\"out.txt\"],"
                        + " \"command\": \"echo \\\"$GREETING $(cat name.txt)\\\" > out.txt\"},"
                        + " {\"id\": \"other\", \"cwd\": " + JSON.valueToTree(work.toString())
                        + ", \"inputs\": [\"name.txt\"], \"command\": \"cat name.txt\"}]");
        String[] run = {"run", tasks.toString(), "--json"};
        List<String> seen = new ArrayList<>();
        for (String greeting : List.of("hello", "hello", "goodbye")) {
            Path logs = tmp.resolve("logs-" + seen.size());
            assertEquals(0, await(start(Map.of("GREETING", greeting), logs, run), logs));
            JsonNode r = statuses(logs);
            seen.add(r.path("greet").path("status").asText() + "/"
                    + r.path("other").path("status").asText());
            assertEquals(greeting + " world\n", Files.readString(work.resolve("out.txt")));
        }
        assertEquals(List.of("succeeded/succeeded", "cached/cached", "succeeded/cached"), seen);
    }

    @Test
    void twoRunsAtOnceOnOneCacheLeaveWholeEntriesAndAThirdRunHitsThemAll() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work/src"));
        int n = 8;
        StringBuilder t = new StringBuilder("{\"config\": {\"max_parallel_tasks\": 4}, \"tasks\": [");
        for (int i = 0; i < n; i++) {
            byte[] content = new byte[50_000 + i];
            for (int b = 0; b < content.length; b++) {
                content[b] = (byte) (b * (i + 7));
            }
            Files.write(work.resolve("f" + i + ".bin"), content);
            t.append(i == 0 ? "" : ",")
                    .append("{\"id\": \"t" + i + "\", \"cwd\": " + JSON.valueToTree(work.toString())
                            + ", \"inputs\": [\"f" + i + ".bin\"], \"outputs\": [\"out" + i + ".bin\"],"
                            + " \"command\": \"sleep 0.3; cp f" + i + ".bin out" + i + ".bin.$$ && mv out" + i
                            + ".bin.$$ out" + i + ".bin\"}");
        }
        t.append("]}");
        Path tasks = work.resolve("tasks.json");
        Files.writeString(tasks, t);
        Path logsA = tmp.resolve("logs-a");
        Path logsB = tmp.resolve("logs-b");
        Process a = start(Map.of(), logsA, "run", tasks.toString(), "--json");
        Process b = start(Map.of(), logsB, "run", tasks.toString(), "--json");
        assertEquals(0, await(a, logsA), () -> "stderr: " + logsA);
        assertEquals(0, await(b, logsB));

        Path logsList = tmp.resolve("logs-list");
        assertEquals(0, await(start(Map.of(), logsList, "cache", "list", "--json"), logsList));
        JsonNode entries = JSON.readTree(Files.readString(logsList.resolve("stdout")));
        assertEquals(n, entries.size(), entries::toString);
        for (JsonNode e : entries) {
            assertTrue(e.path("problem").isNull(), e::toString);
        }
        try (Stream<Path> left = Files.list(tmp.resolve("home/cache/tmp"))) {
            assertEquals(List.of(), left.toList());
        }
        for (int i = 0; i < n; i++) {
            Files.delete(work.resolve("out" + i + ".bin"));
        }
        Path logsC = tmp.resolve("logs-c");
        assertEquals(0, await(start(Map.of(), logsC, "run", tasks.toString(), "--json"), logsC));
        JsonNode third = statuses(logsC);
        for (int i = 0; i < n; i++) {
            assertEquals("cached", third.path("t" + i).path("status").asText());
            assertEquals(
                    -1L,
                    Files.mismatch(work.resolve("f" + i + ".bin"), work.resolve("out" + i + ".bin")),
                    "restored byte for byte");
        }
    }
}
