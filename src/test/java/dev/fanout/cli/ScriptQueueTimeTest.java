package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Script tasks take turns on the one JavaScript engine, so their run times cannot overlap: time
 * waiting for the engine is queue time, kept apart, and the measured speedup counts only time
 * running (issue 12.4: four queued scripts claimed a 2.5x speedup).
 */
class ScriptQueueTimeTest {
    @TempDir
    Path dir;

    @Test
    void timeWaitingForTheEngineIsQueueTimeNotRunTime() throws IOException {
        String busy = "function (t) { var end = Date.now() + 300; while (Date.now() < end) {} return {id: t.id}; }";
        StringBuilder tasks = new StringBuilder("[");
        for (int i = 0; i < 4; i++) {
            tasks.append(i == 0 ? "" : ",")
                    .append("{\"id\": \"s")
                    .append(i)
                    .append("\", \"script\": ")
                    .append(new ObjectMapper().writeValueAsString(busy))
                    .append("}");
        }
        Path file = Files.writeString(dir.resolve("t.json"), tasks.append("]").toString());
        Path home = dir.resolve("home");
        Cli.Result r = Cli.run(home, "run", "--parallel", "--jobs", "4", file.toString());
        assertEquals(0, r.exit(), r.toString());
        JsonNode run;
        try (Stream<Path> runs = Files.list(home.resolve("runs"))) {
            List<Path> dirs = runs.filter(Files::isDirectory).toList();
            run = new ObjectMapper().readTree(dirs.get(0).resolve("run.json").toFile());
        }
        double running = 0;
        double queued = 0;
        for (JsonNode t : run.get("results")) {
            JsonNode a = t.get("attempts").get(0);
            running += a.get("seconds").asDouble();
            queued += a.path("queued_seconds").asDouble(0);
        }
        double wall = run.get("wall_seconds").asDouble();
        // one engine runs one script at a time: their running times fit in the run's wall time
        assertTrue(running <= wall + 0.05, "running " + running + "s in a wall time of " + wall + "s");
        assertTrue(run.get("measured_speedup").asDouble() <= 1.05, run.toString());
        // started together, three of the four waited at least one script's run
        assertTrue(queued >= 3 * 0.3, "queued " + queued + "s");
        assertTrue(r.out().contains("waiting for the JavaScript engine, not counted as task time"), r.out());
    }
}
