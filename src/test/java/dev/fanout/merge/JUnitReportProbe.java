package dev.fanout.merge;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a separate JVM with a small heap by {@link TestResultsMergeTest}: merges one JUnit
 * report through the testing strategy and prints its counts, so the test can show that a report
 * far larger than the heap is read without holding it whole.
 */
public final class JUnitReportProbe {
    private JUnitReportProbe() {}

    public static void main(String[] args) {
        TaskOutput o = new TaskOutput(
                "big",
                "testing",
                "failed",
                Outputs.MAPPER
                        .createObjectNode()
                        .set("junit_reports", Outputs.MAPPER.createArrayNode().add(args[0])),
                null);
        var m = new TestResultsMerge().merge(List.of(o));
        if (m.get("report_problems").size() > 0) {
            System.out.println(m.get("report_problems"));
            System.exit(1);
        }
        System.out.println("tests=" + m.get("tests").asLong() + " failed="
                + m.get("failed").asLong() + " listed=" + m.get("failures").size());
    }

    /** Writes a Surefire-style report of at least {@code bytes} bytes, one test in a hundred failing; returns the test count. */
    static long writeBigReport(Path file, long bytes) throws IOException {
        long cases = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"big\">\n");
            long written = 0;
            while (written < bytes) {
                String line = cases % 100 == 99
                        ? "  <testcase classname=\"big.BigTest\" name=\"case_" + cases + "\" time=\"0.001\">"
                                + "<failure message=\"boom " + cases
                                + "\" type=\"AssertionError\">at big.BigTest</failure></testcase>\n"
                        : "  <testcase classname=\"big.BigTest\" name=\"case_" + cases + "\" time=\"0.001\"/>\n";
                w.write(line);
                written += line.length();
                cases++;
            }
            w.write("</testsuite>\n");
        }
        return cases;
    }
}
