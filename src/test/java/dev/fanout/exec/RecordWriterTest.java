package dev.fanout.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecordWriterTest {
    private static RunRecord record(String marker) {
        return new RunRecord(
                marker,
                RunState.RUNNING,
                1,
                "t",
                java.time.Instant.now(),
                null,
                null,
                true,
                1,
                "",
                1,
                dev.fanout.task.TaskSet.empty("t"),
                Map.of(),
                java.nio.file.Path.of("."));
    }

    private static Map<String, TaskResult> snapshot(String marker) {
        return Map.of(marker, new TaskResult(marker, TaskStatus.PENDING, List.of(), null, null, null, false));
    }

    @Test
    void snapshotsOfferedDuringAWriteAreCoalescedToTheNewest() throws Exception {
        List<String> written = new CopyOnWriteArrayList<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        RecordWriter writer =
                new RecordWriter(results -> record(results.keySet().iterator().next()), r -> {
                    written.add(r.runId());
                    if (written.size() == 1) {
                        firstStarted.countDown();
                        await(release);
                    } else {
                        secondDone.countDown();
                    }
                });
        try {
            writer.offer(snapshot("first"));
            assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
            writer.offer(snapshot("second"));
            writer.offer(snapshot("third"));
            release.countDown();
            assertTrue(secondDone.await(10, TimeUnit.SECONDS));
        } finally {
            writer.close();
        }
        assertEquals(List.of("first", "third"), written);
    }

    @Test
    void aFailedWriteIsKeptAndWritingGoesOn() throws Exception {
        CountDownLatch bad = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        RecordWriter writer =
                new RecordWriter(results -> record(results.keySet().iterator().next()), r -> {
                    if (r.runId().equals("bad")) {
                        bad.countDown();
                        throw new IOException("disk full");
                    }
                    second.countDown();
                });
        try {
            writer.offer(snapshot("bad"));
            assertTrue(bad.await(10, TimeUnit.SECONDS));
            writer.offer(snapshot("good"));
            assertTrue(second.await(10, TimeUnit.SECONDS));
        } finally {
            writer.close();
        }
        assertNotNull(writer.failure());
        assertEquals("disk full", writer.failure().getMessage());
    }

    @Test
    void aWriteThatWaitedWithoutWorkingDoesNotHoldTheNextBackNineTimesAsLong() throws Exception {
        // a slow disk, or a machine too busy to run the writer: wall time passes, little CPU
        long blockedMillis = 1500;
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        RecordWriter writer =
                new RecordWriter(results -> record(results.keySet().iterator().next()), r -> {
                    if (r.runId().equals("slow")) {
                        slowStarted.countDown();
                        await(new CountDownLatch(1), blockedMillis);
                    } else {
                        second.countDown();
                    }
                });
        try {
            writer.offer(snapshot("slow"));
            assertTrue(slowStarted.await(10, TimeUnit.SECONDS));
            writer.offer(snapshot("next"));
            // spaced by the CPU it took, the next write follows at once; by its wall time, 13.5 s later
            assertTrue(second.await(8, TimeUnit.SECONDS), "the next write was held back by the slow one's wall time");
        } finally {
            writer.close();
        }
    }

    @Test
    void theThreadsCpuTimeIsReadWhereLinuxKeepsIt() {
        long before = RecordWriter.cpuNanos();
        org.junit.jupiter.api.Assumptions.assumeTrue(before >= 0, "no /proc/thread-self/schedstat here");
        long spin = 0;
        for (int i = 0; i < 20_000_000; i++) {
            spin += i ^ spin;
        }
        assertTrue(RecordWriter.cpuNanos() > before, "no CPU counted for " + spin);
    }

    private static void await(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
