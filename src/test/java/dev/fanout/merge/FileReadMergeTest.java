package dev.fanout.merge;

import static dev.fanout.merge.Outputs.failed;
import static dev.fanout.merge.Outputs.succeeded;
import static dev.fanout.merge.Outputs.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReadMergeTest {
    @TempDir
    Path dir;

    private final FileReadMerge merge = new FileReadMerge();

    @Test
    void concatenatesInTaskOrderUnderHeadersNamingTheSource() throws IOException {
        Path log = Files.writeString(dir.resolve("stdout.log"), "printed by the task");
        Files.writeString(dir.resolve("notes.txt"), "read from disk\n");
        JsonNode m = merge.merge(List.of(
                succeeded("a", "file_read", "{\"path\": \"README.md\", \"content\": \"# Title\\n\"}"),
                new TaskOutput("b", "file_read", "succeeded", null, log),
                new TaskOutput(
                        "c",
                        "file_read",
                        "succeeded",
                        Outputs.parse("{\"files\": [{\"path\": \"x.txt\", \"content\": \"x\"},"
                                + " {\"path\": \"notes.txt\"}]}"),
                        null,
                        null,
                        dir),
                succeeded("d", "file_read", "\"just text\"")));
        assertEquals("""
                ==> README.md <==
                # Title

                ==> task b stdout <==
                printed by the task

                ==> x.txt <==
                x

                ==> notes.txt <==
                read from disk

                ==> task d <==
                just text
                """, m.get("content").asText());
        assertEquals(List.of("a", "b", "c", "c", "d"), m.get("sources").findValuesAsText("task"));
        assertEquals(19, m.get("sources").get(1).get("chars").asInt());
    }

    @Test
    void failedTasksAreListedNotConcatenatedAndEmptyOnesNoted() {
        JsonNode m = merge.merge(List.of(
                failed("a", "file_read", "{\"path\": \"a.txt\", \"content\": \"partial\"}"),
                succeeded("b", "file_read", null),
                new TaskOutput(
                        "c", "file_read", "succeeded", Outputs.parse("{\"path\": \"missing.txt\"}"), null, null, dir)));
        assertEquals("", m.get("content").asText());
        assertEquals(List.of("a"), m.get("failed_tasks").findValuesAsText("task"));
        assertTrue(texts(m.get("notes")).contains("task b returned no content"));
        assertTrue(texts(m.get("notes")).contains("task c: missing.txt could not be read (no such file)"));
    }

    @Test
    void aLongLogIsCutAndSaysSo() throws IOException {
        Path log = Files.write(dir.resolve("stdout.log"), new byte[FileReadMerge.MAX_BYTES + 10]);
        JsonNode m = merge.merge(List.of(new TaskOutput("a", "file_read", "succeeded", null, log)));
        assertTrue(m.get("sources").get(0).get("truncated").asBoolean());
        assertEquals(
                List.of("task a stdout is longer than " + FileReadMerge.MAX_BYTES
                        + " bytes; only the start is included"),
                texts(m.get("notes")));
    }
}
