package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.Json;
import dev.fanout.exec.Containment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
    @TempDir
    Path dir;

    @Test
    void saysWhichContainmentIsInUseAndWhyWithTheEncodings() throws IOException {
        Cli.Result r = Cli.run(dir.resolve("home"), "doctor", "--json");

        assertEquals(0, r.exit(), r.toString());
        JsonNode o = Json.mapper().readTree(r.out());
        assertEquals(Containment.system().kind().key(), o.get("containment").asText());
        assertEquals(
                System.getProperty("sun.jnu.encoding"),
                o.get("sun_jnu_encoding").asText());
        assertTrue(o.get("notes").get("containment").asText().length() > 0, r.out());
        assertTrue(o.has("launch_mechanism") && o.has("file_encoding") && o.has("limit_controllers"), r.out());

        Cli.Result text = Cli.run(dir.resolve("home"), "doctor");
        assertTrue(
                text.out()
                        .startsWith("containment          "
                                + Containment.system().kind().key()),
                text.out());
    }

    @Test
    void theRunRecordSaysWhichContainmentRanTheTasks() throws IOException {
        Path home = dir.resolve("home");
        Path file = Files.writeString(dir.resolve("t.json"), "[{\"id\": \"a\", \"command\": [\"true\"]}]");

        assertEquals(0, Cli.run(home, "run", file.toString(), "--quiet").exit());

        Path record;
        try (Stream<Path> runs = Files.list(home.resolve("runs"))) {
            record = runs.filter(Files::isDirectory).findFirst().orElseThrow().resolve("run.json");
        }
        JsonNode o = Json.mapper().readTree(Files.readString(record));
        assertEquals(
                Containment.system().kind().key(),
                o.get("containment").get("kind").asText());
    }
}
