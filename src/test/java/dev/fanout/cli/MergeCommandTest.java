package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run ends with one merged answer; {@code merge} merges again with other choices. */
class MergeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int fanout(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CliContext ctx = new CliContext(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CommandLineFactory.create(ctx).execute(all);
    }

    private Path onlyRun() throws Exception {
        try (var runs = Files.list(home.resolve("runs"))) {
            return runs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void theFiveTestSuitesEndInOneTestReportReadFromTheirJUnitFiles() throws Exception {
        assertEquals(1, fanout("run", "--quiet", "examples/five-test-suites.json"), "two suites fail");
        assertTrue(
                out.toString()
                        .contains("merged (testing): 226 tests, 223 passed, 3 failed, 0 errors, 0 skipped, "
                                + "coverage 81.69%"),
                out.toString());
        JsonNode merged = JSON.readTree(onlyRun().resolve("merged.json").toFile());
        assertEquals("testing", merged.get("strategy").asText());
        JsonNode report = merged.get("result");
        assertEquals(226, report.get("tests").asInt());
        assertEquals(3, report.get("failed").asInt());
        assertEquals(4820, report.at("/coverage/covered").asInt());
        assertEquals(5900, report.at("/coverage/total").asInt());
        assertEquals(5, report.get("reports").size(), "read from the five JUnit XML files");
        assertEquals("test-billing", report.at("/failures/2/task").asText());
    }

    @Test
    void mergeTakesAStrategyTaskIdsAndAnOutputFile() throws Exception {
        fanout("run", "--quiet", "examples/five-test-suites.json");
        Path file = home.resolve("auth.json");
        assertEquals(
                0,
                fanout(
                        "merge",
                        "--task-ids",
                        "test-auth,test-orders",
                        "--strategy",
                        "test",
                        "--output",
                        file.toString()));
        JsonNode written = JSON.readTree(file.toFile());
        assertEquals(97, written.at("/result/tests").asInt());
        assertEquals(0, fanout("merge", "--strategy", "generic", "--json"));
        assertEquals(5, JSON.readTree(out.toString()).at("/result/tasks").size());
    }

    @Test
    void anUnknownStrategySuggestsTheClosestAndWritesNothing() throws Exception {
        fanout("run", "--quiet", "examples/five-test-suites.json");
        Path file = home.resolve("never.json");
        assertEquals(2, fanout("merge", "--strategy", "tesitng", "--output", file.toString()));
        assertEquals(
                "error: unknown merge strategy 'tesitng'; did you mean 'testing'? ('fanout strategies' lists them)\n",
                err.toString());
        assertFalse(Files.exists(file));
    }

    @Test
    void mergingARunThatDoesNotExistIsBadInput() {
        assertEquals(2, fanout("merge", "--run", "20200101-000000-0000"));
        assertTrue(err.toString().startsWith("error: no run '20200101-000000-0000'"), err.toString());
    }
}
