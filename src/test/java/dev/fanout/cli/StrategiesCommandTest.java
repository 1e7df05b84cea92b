package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fanout.Json;
import dev.fanout.merge.MergeStrategy;
import dev.fanout.merge.TaskOutput;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrategiesCommandTest {
    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CliContext context() {
        return new CliContext(
                Map.of("FANOUT_HOME", home.toString()), new PrintWriter(out), new PrintWriter(err), false);
    }

    @Test
    void listsTheBuiltInStrategiesAsATable() {
        int code = CommandLineFactory.create(context()).execute("strategies");
        assertEquals(0, code, err.toString());
        String[] lines = out.toString().split("\n");
        assertEquals("name              origin    description", lines[0]);
        assertEquals(
                "service_creation  built-in  status of each service, all created or not, files created by service (deduplicated)",
                lines[1]);
        assertEquals(
                "testing           built-in  tests summed, failures listed, coverage combined; reads JUnit XML reports",
                lines[4]);
        assertEquals("generic           built-in  every task's result keyed by task id, with its status", lines[7]);
        assertEquals(
                "changes           built-in  merge worktree tasks' branches into fanout/RUN_ID/merged (git three-way merge); report conflicts",
                lines[8]);
        assertEquals(
                "best              built-in  of each task's repeat copies, pick one: passing, then smallest diff, then fastest",
                lines[9]);
        assertEquals(
                "'auto' (the default) chooses best for repeat copies, changes for worktree tasks, else from the tasks'"
                        + " types; unknown types use 'generic'",
                lines[10]);
    }

    @Test
    void listsAStrategyAScriptRegisteredInTheSessionWithItsOrigin() throws Exception {
        CliContext ctx = context();
        ctx.session()
                .strategies()
                .register(
                        new MergeStrategy() {
                            @Override
                            public String name() {
                                return "top3";
                            }

                            @Override
                            public String description() {
                                return "the three best hits";
                            }

                            @Override
                            public JsonNode merge(List<TaskOutput> outputs) {
                                return JsonNodeFactory.instance.objectNode();
                            }
                        },
                        "script: nightly.js");
        int code = CommandLineFactory.create(ctx).execute("strategies", "--json");
        assertEquals(0, code, err.toString());
        JsonNode list = Json.mapper().readTree(out.toString());
        assertEquals(10, list.size());
        JsonNode last = list.get(9);
        assertEquals("top3", last.get("name").asText());
        assertEquals("script: nightly.js", last.get("origin").asText());
        assertEquals("the three best hits", last.get("description").asText());
        assertTrue(list.get(0).has("description"));
    }
}
