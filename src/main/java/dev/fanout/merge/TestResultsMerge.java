package dev.fanout.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code testing} strategy: test counts summed over tasks, failures listed with their task,
 * coverage combined, and JUnit XML reports (Maven Surefire's format) read and folded in.
 *
 * <p>Reads: {@code {"passed", "failed", "skipped", "errors" (counts; also "tests"/"total", from
 * which a missing "passed" is derived), "failures": [TEST or {"test" (or "name"), "classname",
 * "message"}], "coverage": {"covered": N, "total": M} (or {"percent": P}, or P), "junit_reports":
 * [PATH, ...]}}. Report paths are resolved against the task's working directory. When a task
 * names reports, its counts and failures come from them and counts in its result are ignored (a
 * note says so if there were any). Tasks that did not succeed (usually: their tests failed) are
 * still read, and also listed in {@code failed_tasks}.
 *
 * <p>Returns: {@code {"all_passed": BOOL, "tests", "passed", "failed", "skipped", "errors",
 * "failures": [{"task", "test", "kind": "failure"|"error", "message"?}] (the first
 * {@value #MAX_LISTED} listed, the rest counted in "unlisted_failures"), "coverage":
 * {"percent" (null when totals are zero), "method": "counts"|"average_of_percentages", "covered",
 * "total", "tasks"} or null, "by_task": {ID: {"tests", "passed", "failed", "skipped", "errors",
 * "from": "junit"|"result"|"nothing"}}, "reports": [{"task", "file", "tests"}],
 * "report_problems": [{"task", "file", "line"?, "column"?, "message"}], "failed_tasks",
 * "notes"}}. A report that cannot be read is listed in report_problems and counts nothing (a
 * half-read report would give wrong totals); all_passed is then false.
 */
public final class TestResultsMerge implements MergeStrategy {
    public static final String NAME = "testing";
    static final int MAX_LISTED = 1000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "tests summed, failures listed, coverage combined; reads JUnit XML reports";
    }

    @Override
    public JsonNode merge(List<TaskOutput> outputs) {
        MergeNotes notes = MergeNotes.of(outputs);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Counts sum = new Counts();
        ArrayNode failures = nodes.arrayNode();
        ArrayNode reports = nodes.arrayNode();
        ArrayNode problems = nodes.arrayNode();
        ObjectNode byTask = nodes.objectNode();
        CoverageTotals coverage = new CoverageTotals();
        long unlisted = 0;
        for (TaskOutput o : outputs) {
            JsonNode r = o.hasResult() ? o.result() : nodes.objectNode();
            Counts task = new Counts();
            List<String> paths = Fields.strings(r.get("junit_reports"), "path", "file");
            String from;
            if (!paths.isEmpty()) {
                from = "junit";
                if (Fields.count(r, "passed", "failed", "tests", "total") != null) {
                    notes.add("task " + o.taskId()
                            + ": counts taken from its JUnit reports; the counts in its result were ignored");
                }
                for (String path : paths) {
                    try {
                        Path file = o.resolve(path);
                        JUnitReport report = new JUnitReportReader(MAX_LISTED - failures.size()).read(file);
                        task.add(report.passed(), report.failed(), report.skipped(), report.errors());
                        report.failures().forEach(f -> failure(failures, o, f));
                        unlisted += report.unlisted();
                        reports.addObject()
                                .put("task", o.taskId())
                                .put("file", file.toString())
                                .put("tests", report.tests());
                    } catch (JUnitReportException e) {
                        ObjectNode p = problems.addObject()
                                .put("task", o.taskId())
                                .put("file", e.file().toString());
                        if (e.line() > 0) {
                            p.put("line", e.line()).put("column", e.column());
                        }
                        p.put("message", e.reason());
                        notes.add("task " + o.taskId() + ": JUnit report " + e.getMessage() + "; it was not counted");
                    } catch (InvalidPathException e) {
                        problems.addObject()
                                .put("task", o.taskId())
                                .put("file", path)
                                .put("message", "not a valid path");
                        notes.add("task " + o.taskId() + ": JUnit report path '" + path + "' is not a valid path");
                    }
                }
            } else if (Fields.count(r, "passed", "failed", "failures", "skipped", "errors", "tests", "total") != null
                    || r.has("failures")) {
                from = "result";
                unlisted += fromResult(o, r, task, failures);
            } else {
                from = "nothing";
            }
            coverage.add(o.taskId(), r.get("coverage"), notes);
            sum.add(task.passed, task.failed, task.skipped, task.errors);
            task.writeTo(byTask.putObject(o.taskId())).put("from", from);
        }
        if (sum.tests() == 0) {
            notes.add("no test counts were reported");
        }
        if (unlisted > 0) {
            notes.add(unlisted + " more failure(s) are counted but not listed (only the first " + MAX_LISTED + " are)");
        }
        ObjectNode out = nodes.objectNode();
        boolean failedTask = outputs.stream().anyMatch(o -> !o.succeeded());
        out.put("all_passed", sum.failed == 0 && sum.errors == 0 && problems.isEmpty() && !failedTask);
        sum.writeTo(out);
        out.set("failures", failures);
        out.put("unlisted_failures", unlisted);
        out.set("coverage", coverage.toJson(notes));
        out.set("by_task", byTask);
        out.set("reports", reports);
        out.set("report_problems", problems);
        return notes.writeTo(out);
    }

    /** Counts and failures a task's result gives itself; returns how many failures were not listed. */
    private static long fromResult(TaskOutput o, JsonNode r, Counts task, ArrayNode failures) {
        List<JsonNode> listed = Fields.items(r.isObject() ? r : null, "failures", "failed_tests");
        JsonNode failuresField = r.get("failures");
        Long failed = Fields.count(r, "failed");
        if (failed == null && failuresField != null && failuresField.isNumber()) {
            failed = Fields.count(r, "failures");
            listed = List.of();
        }
        long f = failed != null ? failed : listed.size();
        long skipped = orZero(Fields.count(r, "skipped"));
        long errors = orZero(Fields.count(r, "errors"));
        Long passed = Fields.count(r, "passed");
        if (passed == null) {
            Long tests = Fields.count(r, "tests", "total");
            passed = tests == null ? 0 : Math.max(0, tests - f - skipped - errors);
        }
        task.add(passed, f, skipped, errors);
        long unlisted = 0;
        for (JsonNode item : listed) {
            String test = item.isValueNode() ? item.asText() : Fields.text(item, "test", "name");
            String cls = item.isObject() ? Fields.text(item, "classname", "class") : null;
            if (test == null) {
                continue;
            }
            if (failures.size() >= MAX_LISTED) {
                unlisted++;
                continue;
            }
            failure(
                    failures,
                    o,
                    new TestFailure(
                            cls == null ? test : cls + "." + test,
                            "failure",
                            item.isObject() ? Fields.text(item, "message", "error") : null));
        }
        return unlisted;
    }

    private static void failure(ArrayNode failures, TaskOutput o, TestFailure f) {
        ObjectNode entry = failures.addObject()
                .put("task", o.taskId())
                .put("test", f.test())
                .put("kind", f.kind());
        if (f.message() != null) {
            entry.put("message", f.message());
        }
    }

    private static long orZero(Long n) {
        return n == null ? 0 : n;
    }

    /** Test counts of one task or of all. */
    private static final class Counts {
        long passed;
        long failed;
        long skipped;
        long errors;

        void add(long p, long f, long s, long e) {
            passed += p;
            failed += f;
            skipped += s;
            errors += e;
        }

        long tests() {
            return passed + failed + skipped + errors;
        }

        ObjectNode writeTo(ObjectNode out) {
            return out.put("tests", tests())
                    .put("passed", passed)
                    .put("failed", failed)
                    .put("skipped", skipped)
                    .put("errors", errors);
        }
    }
}
