package dev.fanout.merge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads JUnit XML reports as Maven Surefire writes them ({@code testsuite} or
 * {@code testsuites} holding {@code testcase} elements, each with an optional {@code failure},
 * {@code error} or {@code skipped} child), with the JDK's streaming parser: memory stays flat
 * however large the file. DTDs are refused, so no entity is ever expanded or fetched (XXE).
 *
 * <p>Counts come from the {@code testcase} elements, not the suites' attributes, so nested
 * suites are never counted twice.
 */
final class JUnitReportReader {
    private final int maxListed;

    /** @param maxListed how many failures to list in full; the rest are only counted */
    JUnitReportReader(int maxListed) {
        this.maxListed = maxListed;
    }

    /**
     * Reads one report.
     *
     * @return its counts and failures
     * @throws JUnitReportException when the file is missing, not well-formed XML (with line and
     *     column), has a DOCTYPE, or is not a JUnit report
     */
    JUnitReport read(Path file) throws JUnitReportException {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = factory().createXMLStreamReader(file.toUri().toString(), in);
            try {
                return read(file, xml);
            } finally {
                xml.close();
            }
        } catch (NoSuchFileException e) {
            throw new JUnitReportException(file, -1, -1, "no such file");
        } catch (IOException e) {
            throw new JUnitReportException(file, -1, -1, "cannot be read (" + e.getMessage() + ")");
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            throw new JUnitReportException(
                    file, at == null ? -1 : at.getLineNumber(), at == null ? -1 : at.getColumnNumber(), reason(e));
        }
    }

    private JUnitReport read(Path file, XMLStreamReader xml) throws XMLStreamException, JUnitReportException {
        long tests = 0;
        long failed = 0;
        long errors = 0;
        long skipped = 0;
        long unlisted = 0;
        List<TestFailure> failures = new ArrayList<>();
        boolean rootSeen = false;
        int depth = 0;
        int caseDepth = -1;
        String testName = null;
        String outcome = null;
        String message = null;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD) {
                Location at = xml.getLocation();
                throw new JUnitReportException(
                        file, at.getLineNumber(), at.getColumnNumber(), "a DOCTYPE is not allowed in a JUnit report");
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String name = xml.getLocalName();
                if (!rootSeen) {
                    rootSeen = true;
                    if (!name.equals("testsuite") && !name.equals("testsuites")) {
                        Location at = xml.getLocation();
                        throw new JUnitReportException(
                                file,
                                at.getLineNumber(),
                                at.getColumnNumber(),
                                "not a JUnit report: the root element is <" + name
                                        + ">, not <testsuite> or <testsuites>");
                    }
                } else if (name.equals("testcase") && caseDepth < 0) {
                    caseDepth = depth;
                    String cls = xml.getAttributeValue(null, "classname");
                    String method = xml.getAttributeValue(null, "name");
                    method = method == null || method.isEmpty() ? "(unnamed)" : method;
                    testName = cls == null || cls.isEmpty() ? method : cls + "." + method;
                    outcome = null;
                    message = null;
                } else if (depth == caseDepth + 1 && caseDepth > 0) {
                    // error and failure outrank skipped; the first of failure/error wins
                    if ((name.equals("failure") || name.equals("error"))
                            && !"failure".equals(outcome)
                            && !"error".equals(outcome)) {
                        outcome = name;
                        message = xml.getAttributeValue(null, "message");
                        if (message == null) {
                            message = xml.getAttributeValue(null, "type");
                        }
                    } else if (name.equals("skipped") && outcome == null) {
                        outcome = name;
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == caseDepth) {
                    tests++;
                    if ("skipped".equals(outcome)) {
                        skipped++;
                    } else if (outcome != null) {
                        if (outcome.equals("failure")) {
                            failed++;
                        } else {
                            errors++;
                        }
                        if (failures.size() < maxListed) {
                            failures.add(new TestFailure(testName, outcome, message));
                        } else {
                            unlisted++;
                        }
                    }
                    caseDepth = -1;
                }
                depth--;
            }
        }
        return new JUnitReport(
                file,
                tests,
                tests - failed - errors - skipped,
                failed,
                errors,
                skipped,
                List.copyOf(failures),
                unlisted);
    }

    private static XMLInputFactory factory() {
        // the JDK's own parser, whatever else is on the class path; no DTDs, no external entities
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return f;
    }

    /** The parser's message without its "ParseError at [row,col]" prefix (the position is reported apart). */
    private static String reason(XMLStreamException e) {
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("Message: ");
        return (i >= 0 ? m.substring(i + "Message: ".length()) : m).trim();
    }
}
