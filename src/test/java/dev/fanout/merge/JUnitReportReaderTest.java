package dev.fanout.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JUnitReportReaderTest {
    @TempDir
    Path dir;

    private final JUnitReportReader reader = new JUnitReportReader(100);

    private Path write(String xml) throws IOException {
        return Files.writeString(dir.resolve("TEST-x.xml"), xml);
    }

    @Test
    void countsTestcasesOfNestedSuitesOnceEach() throws Exception {
        Path file = write("""
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites tests="99">
                  <testsuite name="a" tests="3">
                    <properties><property name="java.version" value="17"/></properties>
                    <testcase classname="a.ApiTest" name="ok" time="0.1"><system-out>log</system-out></testcase>
                    <testcase classname="a.ApiTest" name="broken"><failure message="expected 1" type="AssertionError">trace</failure></testcase>
                    <testcase classname="a.ApiTest" name="threw"><error type="java.lang.NullPointerException">trace</error></testcase>
                  </testsuite>
                  <testsuite name="b">
                    <testcase name="later"><skipped message="not today"/></testcase>
                    <testcase classname="b.T" name="flaky"><flakyFailure message="once"/></testcase>
                  </testsuite>
                </testsuites>
                """);
        JUnitReport r = reader.read(file);
        assertEquals(5, r.tests());
        assertEquals(2, r.passed(), "a flaky test that passed on rerun is a pass");
        assertEquals(1, r.failed());
        assertEquals(1, r.errors());
        assertEquals(1, r.skipped());
        assertEquals(
                List.of(
                        new TestFailure("a.ApiTest.broken", "failure", "expected 1"),
                        new TestFailure("a.ApiTest.threw", "error", "java.lang.NullPointerException")),
                r.failures());
    }

    @Test
    void listsFailuresUpToItsLimitAndCountsTheRest() throws Exception {
        StringBuilder xml = new StringBuilder("<testsuite>");
        for (int i = 0; i < 5; i++) {
            xml.append("<testcase name=\"t").append(i).append("\"><failure/></testcase>");
        }
        JUnitReport r =
                new JUnitReportReader(2).read(write(xml.append("</testsuite>").toString()));
        assertEquals(5, r.failed());
        assertEquals(2, r.failures().size());
        assertEquals(3, r.unlisted());
    }

    @Test
    void aMalformedReportIsReportedWithItsLineAndColumn() throws IOException {
        Path file = write("<?xml version=\"1.0\"?>\n<testsuite>\n  <testcase name=\"a\">\n</testsuite>\n");
        JUnitReportException e = assertThrows(JUnitReportException.class, () -> reader.read(file));
        assertEquals(4, e.line());
        assertEquals(3, e.column());
        assertTrue(e.reason().contains("must be terminated by the matching end-tag"), e.reason());
        assertTrue(e.getMessage().startsWith(file + ":4:3: "), e.getMessage());
    }

    @Test
    void anExternalEntityIsNeverRead() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "the-secret");
        Path file = write("<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [<!ENTITY xxe SYSTEM \"" + secret.toUri()
                + "\">]>\n" + "<testsuite><testcase name=\"a\"><failure message=\"&xxe;\"/></testcase></testsuite>\n");
        JUnitReportException e = assertThrows(JUnitReportException.class, () -> reader.read(file));
        assertEquals("a DOCTYPE is not allowed in a JUnit report", e.reason());
        assertFalse(e.getMessage().contains("the-secret"));
    }

    @Test
    void aFileThatIsNotAReportIsRefused() throws IOException {
        Path file = write("<project><modelVersion>4.0.0</modelVersion></project>");
        JUnitReportException e = assertThrows(JUnitReportException.class, () -> reader.read(file));
        assertEquals("not a JUnit report: the root element is <project>, not <testsuite> or <testsuites>", e.reason());
    }

    @Test
    void aMissingReportSaysSo() {
        JUnitReportException e = assertThrows(JUnitReportException.class, () -> reader.read(dir.resolve("none.xml")));
        assertEquals(dir.resolve("none.xml") + ": no such file", e.getMessage());
    }
}
