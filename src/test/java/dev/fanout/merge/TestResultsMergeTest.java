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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestResultsMergeTest {
    @TempDir
    Path dir;

    private final TestResultsMerge testing = new TestResultsMerge();

    @Test
    void mergesTheReportsTheFiveTestSuitesExampleWrites() throws Exception {
        // the tasks of examples/five-test-suites.json, run as real processes the way a run gives them FANOUT_RESULT
        String[][] suites = {
            {"auth", "42", "0", "810", "1000"},
            {"users", "37", "1", "640", "800"},
            {"orders", "55", "0", "1220", "1500"},
            {"catalog", "28", "0", "450", "600"},
            {"billing", "61", "2", "1700", "2000"}
        };
        List<TaskOutput> outputs = new ArrayList<>();
        for (String[] suite : suites) {
            Path taskDir = Files.createDirectories(dir.resolve("tasks/test-" + suite[0]));
            List<String> argv = new ArrayList<>(List.of(
                    Path.of("examples/scripts/test-suite.sh").toAbsolutePath().toString()));
            argv.addAll(List.of(suite));
            ProcessBuilder pb = new ProcessBuilder(argv)
                    .redirectOutput(taskDir.resolve("stdout.log").toFile())
                    .redirectErrorStream(true);
            pb.environment().put("FANOUT_RESULT", taskDir.resolve("result.json").toString());
            pb.environment().put("FANOUT_RUN_DIR", dir.toString());
            Process p = pb.start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            outputs.add(TaskOutput.read(
                    "test-" + suite[0],
                    "testing",
                    p.exitValue() == 0 ? "succeeded" : "failed",
                    taskDir.resolve("result.json"),
                    taskDir.resolve("stdout.log"),
                    Path.of("").toAbsolutePath()));
        }
        JsonNode m = testing.merge(outputs);
        assertEquals(226, m.get("tests").asInt());
        assertEquals(223, m.get("passed").asInt());
        assertEquals(3, m.get("failed").asInt());
        assertEquals(0, m.get("errors").asInt());
        assertFalse(m.get("all_passed").asBoolean());
        assertEquals(
                List.of("test-users", "test-billing", "test-billing"),
                m.get("failures").findValuesAsText("task"));
        assertEquals(
                "users.ApiTest.fails_1", m.get("failures").get(0).get("test").asText());
        assertEquals(
                "expected 200 but was 500",
                m.get("failures").get(0).get("message").asText());
        JsonNode coverage = m.get("coverage");
        assertEquals("counts", coverage.get("method").asText());
        assertEquals(4820, coverage.get("covered").asInt());
        assertEquals(5900, coverage.get("total").asInt());
        assertEquals(81.69, coverage.get("percent").asDouble());
        assertEquals(5, m.get("reports").size());
        assertEquals(
                List.of("test-users", "test-billing"), m.get("failed_tasks").findValuesAsText("task"));
        assertEquals("junit", m.get("by_task").get("test-auth").get("from").asText());
        assertEquals(List.of(), texts(m.get("notes")));
    }

    @Test
    void sumsCountsAndFailuresGivenInTheResults() {
        JsonNode m = testing.merge(List.of(
                succeeded("a", "testing", "{\"passed\": 10, \"failed\": 0, \"skipped\": 2}"),
                failed(
                        "b",
                        "testing",
                        "{\"tests\": 5, \"failed\": 1, \"errors\": 1,"
                                + " \"failures\": [{\"test\": \"login\", \"classname\": \"AuthTest\", \"message\": \"401\"}]}"),
                succeeded("c", "testing", "{\"failures\": [\"orders_total\"]}")));
        assertEquals(13, m.get("passed").asInt());
        assertEquals(2, m.get("failed").asInt());
        assertEquals(1, m.get("errors").asInt());
        assertEquals(2, m.get("skipped").asInt());
        assertEquals(
                List.of("AuthTest.login", "orders_total"), m.get("failures").findValuesAsText("test"));
        assertEquals(List.of("b", "c"), m.get("failures").findValuesAsText("task"));
        assertTrue(m.get("coverage").isNull());
    }

    @Test
    void aTaskThatReturnedNothingOrHadAnUnreadableResultCountsNothingAndIsNoted() {
        TaskOutput unreadable = new TaskOutput(
                "b",
                "testing",
                "succeeded",
                null,
                null,
                "tasks/b/result.json is not JSON at line 1, column 2: Unexpected character",
                null);
        JsonNode m = testing.merge(List.of(succeeded("a", "testing", null), unreadable));
        assertEquals(0, m.get("tests").asInt());
        assertEquals("nothing", m.get("by_task").get("a").get("from").asText());
        assertTrue(texts(m.get("notes"))
                .contains("task b: tasks/b/result.json is not JSON at line 1, column 2: "
                        + "Unexpected character; merged as if it returned nothing"));
        assertTrue(texts(m.get("notes")).contains("no test counts were reported"));
    }

    @Test
    void coverageIsAnAverageOfPercentagesOnlyWhenCountsAreMissingAndThenANoteSaysSo() {
        JsonNode m = testing.merge(List.of(
                succeeded("a", "testing", "{\"passed\": 1, \"coverage\": {\"covered\": 90, \"total\": 100}}"),
                succeeded("b", "testing", "{\"passed\": 1, \"coverage\": 50}"),
                succeeded("c", "testing", "{\"passed\": 1, \"coverage\": {\"percent\": 40.0}}")));
        JsonNode coverage = m.get("coverage");
        assertEquals("average_of_percentages", coverage.get("method").asText());
        assertEquals(60.0, coverage.get("percent").asDouble());
        assertEquals(3, coverage.get("tasks").asInt());
        assertTrue(
                texts(m.get("notes"))
                        .contains(
                                "coverage is an average of percentages because counts were missing for task(s) b, c; it weighs every task the same"));
    }

    @Test
    void coverageWithZeroTotalsHasNoPercentageAndDividesNothingByZero() {
        JsonNode m = testing.merge(List.of(
                succeeded("a", "testing", "{\"passed\": 1, \"coverage\": {\"covered\": 0, \"total\": 0}}"),
                succeeded("b", "testing", "{\"passed\": 1, \"coverage\": {\"covered\": 0, \"total\": 0}}")));
        JsonNode coverage = m.get("coverage");
        assertTrue(coverage.get("percent").isNull());
        assertEquals(0, coverage.get("total").asInt());
        assertTrue(texts(m.get("notes")).contains("coverage totals are all zero, so there is no coverage percentage"));
    }

    @Test
    void aZeroTotalBesideRealCountsDoesNotChangeThePercentage() {
        JsonNode m = testing.merge(List.of(
                succeeded("a", "testing", "{\"coverage\": {\"covered\": 0, \"total\": 0}}"),
                succeeded("b", "testing", "{\"coverage\": {\"covered\": 3, \"total\": 4}}"),
                succeeded("c", "testing", "{\"coverage\": {\"covered\": 9, \"total\": 4}}")));
        assertEquals(75.0, m.get("coverage").get("percent").asDouble());
        assertTrue(texts(m.get("notes")).contains("task c: coverage says 9 covered of 4; left out"));
    }

    @Test
    void aMalformedReportIsListedWithItsPositionAndTheOtherResultsAreKept() throws IOException {
        Path good = Files.writeString(
                dir.resolve("TEST-good.xml"), "<testsuite><testcase name=\"a\"/><testcase name=\"b\"/></testsuite>");
        Path bad = Files.writeString(
                dir.resolve("TEST-bad.xml"),
                "<testsuite>\n<testcase name=\"a\"/>\n<testcase name=\"b\">\n</testsuite>");
        JsonNode m = testing.merge(List.of(
                succeeded("a", "testing", "{\"junit_reports\": [\"" + good + "\"]}"),
                succeeded("b", "testing", "{\"junit_reports\": [\"" + bad + "\"]}"),
                succeeded("c", "testing", "{\"passed\": 4}")));
        assertEquals(6, m.get("passed").asInt(), "the malformed file's tests are not counted, the others are");
        JsonNode problem = m.get("report_problems").get(0);
        assertEquals("b", problem.get("task").asText());
        assertEquals(bad.toString(), problem.get("file").asText());
        assertEquals(4, problem.get("line").asInt());
        assertEquals(3, problem.get("column").asInt());
        assertFalse(m.get("all_passed").asBoolean());
        assertTrue(
                texts(m.get("notes")).stream().anyMatch(n -> n.startsWith("task b: JUnit report " + bad + ":4:3: ")));
    }

    @Test
    void relativeReportPathsResolveAgainstTheTasksWorkingDirectoryAndCountsBesideThemAreIgnored() throws IOException {
        Files.createDirectories(dir.resolve("target/surefire-reports"));
        Files.writeString(
                dir.resolve("target/surefire-reports/TEST-a.xml"),
                "<testsuite><testcase name=\"a\"><skipped/></testcase></testsuite>");
        TaskOutput o = new TaskOutput(
                "a",
                "testing",
                "succeeded",
                Outputs.parse("{\"passed\": 50, \"junit_reports\": \"target/surefire-reports/TEST-a.xml\"}"),
                null,
                null,
                dir);
        JsonNode m = testing.merge(List.of(o));
        assertEquals(1, m.get("skipped").asInt());
        assertEquals(0, m.get("passed").asInt());
        assertTrue(texts(m.get("notes"))
                .contains("task a: counts taken from its JUnit reports; the counts in its result were ignored"));
    }

    @Test
    void aHugeReportIsReadStreamingWithASmallHeap() throws Exception {
        // 48 MB of report (more than a thousand failures among them), read by a JVM allowed 16 MB of heap: only a
        // streaming read can finish
        Path big = dir.resolve("TEST-big.xml");
        long cases = JUnitReportProbe.writeBigReport(big, 48L * 1024 * 1024);
        assertTrue(Files.size(big) > 48L * 1024 * 1024);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-Xmx16m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        JUnitReportProbe.class.getName(),
                        big.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("tests=" + cases + " failed=" + (cases / 100) + " listed=" + TestResultsMerge.MAX_LISTED, out);
    }
}
