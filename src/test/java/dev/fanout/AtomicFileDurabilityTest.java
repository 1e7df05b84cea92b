package dev.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reaches the disk, in what order, seen from the system calls of a real write: the data
 * of the temporary file is forced before the rename that puts it in place, and the folder
 * after, so a power loss cannot leave an empty run record, registry or snapshot.
 */
@ProcessTest
class AtomicFileDurabilityTest {
    @TempDir
    Path dir;

    /** Writes ARGS[1] to ARGS[0] with {@link AtomicFile}, in a process of its own to be traced. */
    public static final class Writer {
        private Writer() {}

        public static void main(String[] args) throws Exception {
            AtomicFile.write(Path.of(args[0]), args[1].getBytes(StandardCharsets.UTF_8));
        }
    }

    private static boolean straceWorks() throws Exception {
        try {
            Process p = new ProcessBuilder("strace", "-o", "/dev/null", "true")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void theDataIsForcedBeforeTheRenameAndTheFolderAfter() throws Exception {
        assumeTrue(straceWorks(), "needs strace(1) allowed to trace");
        Path target = dir.resolve("out.json");
        Path trace = dir.getParent().resolve(dir.getFileName() + ".strace");
        List<String> argv = new ArrayList<>(List.of(
                "strace", "-f", "-y", "-e", "trace=fsync,fdatasync,rename,renameat,renameat2", "-o", trace.toString()));
        argv.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Writer.class.getName(),
                target.toString(),
                "{\"ok\": true}"));
        Process p = new ProcessBuilder(argv).inheritIO().start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the traced write ended");
        assertEquals(0, p.exitValue());
        assertEquals("{\"ok\": true}", Files.readString(target));

        String folder = dir.toRealPath().toString();
        List<String> calls = Files.readAllLines(trace).stream()
                .filter(l -> l.contains(folder) && l.endsWith("= 0"))
                .map(l -> l.replaceFirst("^\\d+\\s+", ""))
                .toList();
        Files.delete(trace);
        int dataForced = indexOf(calls, "fsync(", "/.out.json.");
        int renamed = indexOf(calls, "rename", "/out.json\"");
        int folderForced = indexOf(calls, "fsync(", "<" + folder + ">)");
        assertTrue(dataForced >= 0 && renamed > dataForced && folderForced > renamed, String.join("\n", calls));
    }

    private static int indexOf(List<String> calls, String call, String part) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith(call) && calls.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }
}
