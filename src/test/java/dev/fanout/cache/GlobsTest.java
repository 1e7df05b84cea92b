package dev.fanout.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobsTest {
    @TempDir
    Path base;

    @Test
    void aRestoresStagedCopyBesideAnOutputIsNotAnOutput() throws Exception {
        Files.createDirectories(base.resolve("out"));
        Files.writeString(base.resolve("out/notes.txt"), "notes");
        // what another fanout's restore of the same outputs leaves there for a moment
        Files.writeString(base.resolve("out/.notes.txt.fanout-cache.4242.7"), "half a copy");
        Files.writeString(base.resolve("out/.hidden"), "a task's own dot file");

        Globs.Expansion e = Globs.expand(base, List.of("out/**"));

        assertEquals(
                List.of("out/.hidden", "out/notes.txt"), List.copyOf(e.files().keySet()));
    }
}
