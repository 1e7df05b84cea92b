package dev.fanout.merge;

import java.nio.file.Path;
import java.util.List;

/**
 * The counts read from one JUnit XML report, and its failures (up to a limit, so a report with
 * millions of failing tests still fits in memory).
 *
 * @param unlisted failures and errors beyond the limit: counted, not listed
 */
record JUnitReport(
        Path file,
        long tests,
        long passed,
        long failed,
        long errors,
        long skipped,
        List<TestFailure> failures,
        long unlisted) {}
