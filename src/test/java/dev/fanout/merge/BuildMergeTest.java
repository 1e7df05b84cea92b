package dev.fanout.merge;

import static dev.fanout.merge.Outputs.failed;
import static dev.fanout.merge.Outputs.succeeded;
import static dev.fanout.merge.Outputs.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildMergeTest {
    @TempDir
    Path dir;

    private final BuildMerge merge = new BuildMerge();

    @Test
    void succeedsWhenAllDidWithArtifactsAndTheirSizes() throws IOException {
        Files.createDirectories(dir.resolve("target"));
        Files.write(dir.resolve("target/web.jar"), new byte[1234]);
        TaskOutput web = new TaskOutput(
                "web",
                "build",
                "succeeded",
                Outputs.parse("{\"success\": true, \"artifacts\": [\"target/web.jar\"]}"),
                null,
                null,
                dir);
        JsonNode m = merge.merge(List.of(
                succeeded(
                        "api",
                        "build",
                        "{\"artifacts\": [{\"path\": \"api.jar\", \"size\": 1000}, {\"name\": \"api.war\", \"size_bytes\": 500}]}"),
                web,
                succeeded("docs", "build", null)));
        assertTrue(m.get("succeeded").asBoolean());
        assertEquals(
                List.of("api.jar", "api.war", "target/web.jar"),
                m.get("artifacts").findValuesAsText("path"));
        assertEquals(1234, m.get("artifacts").get(2).get("size").asInt(), "a size not given is read from the file");
        assertEquals(2734, m.get("total_size").asLong());
        assertEquals(0, m.get("failures").size());
    }

    @Test
    void failsWhenAnyFailedListingTheFailuresWithoutTheirArtifacts() {
        JsonNode m = merge.merge(List.of(
                succeeded("api", "build", "{\"artifacts\": [{\"path\": \"api.jar\", \"size\": 10}]}"),
                succeeded(
                        "web",
                        "build",
                        "{\"success\": false, \"error\": \"npm ERR! missing script\", \"artifacts\": [\"web.zip\"]}"),
                failed("cli", "build", null),
                succeeded("lib", "build", "{\"status\": \"FAILED\"}")));
        assertFalse(m.get("succeeded").asBoolean());
        assertEquals(List.of("web", "cli", "lib"), m.get("failures").findValuesAsText("task"));
        assertEquals(
                "npm ERR! missing script", m.get("failures").get(0).get("error").asText());
        assertEquals(List.of("failed", "failed", "FAILED"), m.get("failures").findValuesAsText("status"));
        assertEquals(List.of("api.jar"), m.get("artifacts").findValuesAsText("path"));
    }

    @Test
    void anArtifactOfUnknownSizeIsListedAndNoted() {
        JsonNode m = merge.merge(
                List.of(succeeded("api", "build", "{\"artifacts\": [\"" + dir.resolve("nowhere.jar") + "\"]}")));
        assertTrue(m.get("artifacts").get(0).get("size").isNull());
        assertEquals(0, m.get("total_size").asLong());
        assertEquals(
                List.of("1 artifact(s) have no size given and no file to measure; total_size leaves them out"),
                texts(m.get("notes")));
    }
}
