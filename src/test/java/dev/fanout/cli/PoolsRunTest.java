package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: named pools cap how many of their tasks run at once, beside --jobs. */
class PoolsRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int fanout(String... args) {
        CliContext ctx = new CliContext(Map.of(), new PrintWriter(out), new PrintWriter(err), false);
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", tmp.resolve("home").toString()));
        return CommandLineFactory.create(ctx).execute(all.toArray(String[]::new));
    }

    /** Eight tasks, six in pool "claude" (limit 2), two in none. */
    private Path tasks(String poolsJson) throws Exception {
        ObjectNode file = JSON.createObjectNode();
        file.set("config", JSON.readTree("{\"pools\": " + poolsJson + "}"));
        ArrayNode list = file.putArray("tasks");
        for (int i = 0; i < 8; i++) {
            ObjectNode t = list.addObject();
            t.put("id", "t" + i);
            t.putArray("command").add("sleep").add("0.2");
            if (i < 6) {
                t.put("pool", "claude");
            }
        }
        Path p = tmp.resolve("tasks.json");
        Files.writeString(p, file.toString());
        return p;
    }

    @Test
    void aPoolNeverRunsMoreOfItsTasksAtOnceThanItsLimit() throws Exception {
        int exit = fanout("run", tasks("{\"claude\": 2}").toString(), "--parallel", "--jobs", "8");

        assertEquals(0, exit, err.toString());
        JsonNode record = JSON.readTree(FanoutProcess.runDir(tmp.resolve("home"))
                .orElseThrow()
                .resolve("run.json")
                .toFile());
        // fanout records an attempt's start before it launches and its end after it saw the exit,
        // so the recorded intervals hold the processes' own: their overlap bounds the real one
        List<Instant[]> spans = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JsonNode a = record.path("results").path("t" + i).path("attempts").get(0);
            spans.add(new Instant[] {
                Instant.parse(a.path("started_at").asText()),
                Instant.parse(a.path("ended_at").asText())
            });
        }
        int most = 0;
        for (Instant[] s : spans) {
            int at = 0;
            for (Instant[] o : spans) {
                if (!o[0].isAfter(s[0]) && o[1].isAfter(s[0])) {
                    at++;
                }
            }
            most = Math.max(most, at);
        }
        assertTrue(most <= 2, "at most 2 of the pool's tasks at once, but " + most + " overlapped");
    }

    @Test
    void theDryRunShowsThePools() throws Exception {
        int exit = fanout("run", tasks("{\"claude\": 2}").toString(), "--dry-run");

        assertEquals(0, exit, err.toString());
        assertTrue(out.toString().contains("pools: claude 2 at once (t0, t1, t2, t3, t4, … 1 more)"), out.toString());
    }

    @Test
    void aTaskInAPoolWithNoLimitIsOneClearError() throws Exception {
        int exit = fanout("run", tasks("{\"gpu\": 1}").toString());

        assertEquals(2, exit);
        assertTrue(err.toString().contains("task 't0' is in pool 'claude', which has no limit"), err.toString());
    }

    @Test
    void aPoolLimitBelowOneIsRefused() throws Exception {
        int exit = fanout("run", tasks("{\"claude\": 0}").toString());

        assertEquals(2, exit);
        assertTrue(
                err.toString().contains("config key 'pools' must be an object of NAME: whole number"), err.toString());
    }
}
