package dev.fanout.cli;

import static dev.fanout.exec.RunFixture.config;
import static dev.fanout.exec.RunFixture.file;
import static dev.fanout.exec.RunFixture.q;
import static dev.fanout.exec.RunFixture.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.exec.RunFixture;
import dev.fanout.exec.RunRecord;
import dev.fanout.exec.RunState;
import dev.fanout.exec.RunStore;
import dev.fanout.exec.TaskStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fanout run --resume} end to end, in process, through the command line a user types. */
class ResumeTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int fanout(String... args) {
        CliContext ctx = new CliContext(Map.of(), new PrintWriter(out), new PrintWriter(err), false);
        String[] all = java.util.stream.Stream.concat(
                        java.util.Arrays.stream(args), java.util.stream.Stream.of("--home", home().toString()))
                .toArray(String[]::new);
        return CommandLineFactory.create(ctx).execute(all);
    }

    private Path home() {
        return tmp.resolve("home");
    }

    /** Issue 11: a failed task downstream of one that succeeded stalled the resumed run (exit 70). */
    @Test
    void issue11ResumeRerunsAFailedTaskWhoseDependencySucceededEarlier() throws IOException {
        Path ok = tmp.resolve("ok");
        Path tasks = RunFixture.write(
                tmp.resolve("t.json"),
                file(
                        config("max_retries", 0),
                        task("a", "true"),
                        task("b", "test -f " + q(ok), "a"),
                        task("c", "true")));
        RunStore store = new RunStore(home().resolve("runs"));

        assertEquals(1, fanout("run", tasks.toString()), out + "\n" + err);
        String first = store.latest();
        assertEquals(RunState.PARTIAL, store.load(first).state());

        Files.createFile(ok);
        int exit = fanout("run", "--resume", first);

        assertEquals(0, exit, out + "\n" + err);
        RunRecord resumed = store.load(store.latest());
        assertEquals(first, resumed.resumedFrom());
        assertEquals(RunState.SUCCEEDED, resumed.state());
        assertTrue(resumed.results().get("a").reused(), "a succeeded before: carried over");
        assertTrue(resumed.results().get("c").reused(), "c succeeded before: carried over");
        assertFalse(resumed.results().get("b").reused(), "b failed before: run again");
        assertEquals(TaskStatus.SUCCEEDED, resumed.results().get("b").status());
        assertEquals(1, resumed.results().get("b").attempts().size());
    }
}
