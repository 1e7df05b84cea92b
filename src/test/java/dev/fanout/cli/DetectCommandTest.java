package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DetectCommandTest {
    @TempDir
    Path home;

    @ParameterizedTest(name = "{0} exits {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "three-services.json | 0 | parallel (strongly recommended): 3 tasks of one type (service_creation), estimated speedup 3x >= 1.5x",
                "five-test-suites.json | 0 | parallel (strongly recommended): 5 tasks of one type (testing), estimated speedup 5x >= 1.5x",
                "ten-tasks.json | 0 | parallel (recommended): 3 task types, estimated speedup 3.33x >= 2x for mixed types",
                "chain.yaml | 1 | sequential: every task depends on the one before it: no two tasks can run together",
                "two-tasks.json | 1 | sequential: 2 tasks, fewer than min_tasks_for_parallel 3"
            })
    void theExitCodeIsTheDecision(String example, int exit, String line) {
        Cli.Result r = Cli.run(home, "detect", "examples/" + example);
        assertEquals(exit, r.exit(), r.toString());
        assertEquals(line + "\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void aCycleExitsTwo() {
        Cli.Result r = Cli.run(home, "detect", "examples/cycle.json");
        assertEquals(2, r.exit());
        assertEquals(
                List.of("error: examples/cycle.json:2:3: dependency cycle api -> db -> schema -> api; "
                        + "remove one of these depends_on entries"),
                r.errLines());
        assertEquals("", r.out());
    }

    @Test
    void configFlagsChangeTheDecision() {
        assertEquals(
                1,
                Cli.run(home, "detect", "examples/three-services.json", "-c", "enabled=false")
                        .exit());
        assertEquals(
                0,
                Cli.run(
                                home,
                                "detect",
                                "examples/two-tasks.json",
                                "-c",
                                "min_tasks_for_parallel=2",
                                "-c",
                                "min_speedup_threshold=1.3")
                        .exit());
    }

    @Test
    void jsonSaysTheDecisionForScripts() throws IOException {
        Cli.Result r = Cli.run(home, "detect", "examples/chain.yaml", "--json");
        assertEquals(1, r.exit());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(false, json.get("parallel").booleanValue());
        assertEquals("chain", json.get("rule").textValue());
        assertEquals(4, json.get("total_tasks").intValue());
        assertEquals(1.0, json.get("estimated_speedup").doubleValue());
    }
}
