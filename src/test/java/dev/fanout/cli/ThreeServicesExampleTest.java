package dev.fanout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** The three-services example end to end: a temporary agent is made, used three times, and kept. */
class ThreeServicesExampleTest {
    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int fanout(String... args) {
        CliContext ctx = new CliContext(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), false);
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CommandLineFactory.create(ctx).execute(all);
    }

    @Test
    void theServicesAreBuiltInParallelByATemporaryAgentThatIsCountedAndKept() throws Exception {
        assertEquals(0, fanout("run", "examples/three-services.json"), err.toString());
        String text = out.toString();
        assertTrue(
                text.contains(
                        "created temporary agent 'service-builder' for auth-service, user-service, product-service"),
                text);
        assertTrue(text.contains("run ") && text.contains(" succeeded in "), text);
        assertTrue(text.contains("cleanup: agent service-builder: kept (used 3 times"), text);
        JsonNode registry =
                new ObjectMapper().readTree(home.resolve("temp/registry.json").toFile());
        assertTrue(registry.toString().contains("\"usage_count\":3"), registry.toString());
        try (var runs = Files.list(home.resolve("runs"))) {
            Path run = runs.filter(Files::isDirectory).findFirst().orElseThrow();
            JsonNode record =
                    new ObjectMapper().readTree(run.resolve("run.json").toFile());
            assertEquals("parallel", record.get("mode").asText());
            for (String service : new String[] {"auth-service", "user-service", "product-service"}) {
                JsonNode result = new ObjectMapper()
                        .readTree(
                                run.resolve("tasks/" + service + "/result.json").toFile());
                assertEquals("created", result.get("status").asText());
                assertTrue(Files.exists(run.resolve("work/" + service + "/README.md")));
            }
        }
    }

    @Test
    void withAutoCreationOffTheRunRefusesToStartAndNamesTheMissingAgent() {
        assertEquals(2, fanout("run", "-c", "auto_create_temp_resources=false", "examples/three-services.json"));
        assertEquals(
                "error: tasks name agents that do not exist: service-builder (for auth-service, user-service,"
                        + " product-service); create them with 'fanout agent create', or set auto_create_temp_resources to true\n",
                err.toString());
        assertTrue(!Files.exists(home.resolve("runs")), "nothing ran");
    }

    @Test
    void aLaterRunThatUsesNoAgentDoesNotMentionTheKeptAgent() throws Exception {
        assertEquals(0, fanout("run", "examples/three-services.json"), err.toString());
        out.getBuffer().setLength(0);

        assertEquals(0, fanout("run", "examples/search.json"), err.toString());

        assertTrue(Files.exists(home.resolve("temp/agents/service-builder.md")), "the agent is still there");
        assertTrue(!out.toString().contains("cleanup:"), out.toString());
    }
}
