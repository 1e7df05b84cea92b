package dev.fanout.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.ProcessTest;
import dev.fanout.config.Config;
import dev.fanout.config.Home;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two fanout processes counting uses of one agent at once lose none of each other's updates. */
@ProcessTest
class RegistryTwoProcessTest {
    @TempDir
    Path home;

    private Resources resources() {
        return new Resources(new Home(home), Config.defaults(), Clock.systemUTC());
    }

    @Test
    void twoProcessesMarkingUse500TimesEachCount1000() throws Exception {
        resources()
                .createTemporaryAgent(
                        new AgentSpec("shared-agent", "counted by two processes", null, null, null), CreatedBy.HAND);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            MarkUseMain.class.getName(),
                            home.toString(),
                            "shared-agent",
                            "500")
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
        }
        List<BufferedReader> outputs = new ArrayList<>();
        for (Process p : processes) {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            outputs.add(out);
        }
        for (Process p : processes) {
            OutputStream in = p.getOutputStream();
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
        }
        for (int i = 0; i < processes.size(); i++) {
            assertTrue(processes.get(i).waitFor(120, TimeUnit.SECONDS), "process " + i + " finished");
            assertEquals(0, processes.get(i).exitValue());
            assertEquals("done", outputs.get(i).readLine());
        }
        assertEquals(
                1000,
                resources()
                        .registry()
                        .entry(ResourceKind.AGENT, "shared-agent")
                        .orElseThrow()
                        .usageCount());
    }

    @Test
    void threadsOfOneProcessWithTheirOwnResourcesCountEveryUse() throws Exception {
        resources()
                .createTemporaryAgent(
                        new AgentSpec("threaded", "counted by threads", null, null, null), CreatedBy.HAND);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Resources own = resources(); // separate objects, one lock file: the in-process guard must hold
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        own.markUsed(ResourceKind.AGENT, "threaded");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(
                200,
                resources()
                        .registry()
                        .entry(ResourceKind.AGENT, "threaded")
                        .orElseThrow()
                        .usageCount());
    }
}
