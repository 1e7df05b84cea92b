package dev.fanout.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one task returned, as a merge sees it.
 *
 * @param type the task's type ("untyped" when it has none)
 * @param status the task's final status: succeeded, failed, timed_out, skipped, cancelled
 * @param result the JSON the task wrote to FANOUT_RESULT (or printed as JSON); null when it returned nothing
 *     or when what it wrote could not be read
 * @param stdout the task's stdout log, or null; strategies may read it when there is no result
 * @param resultError why the task's result could not be read (e.g. "result.json is not JSON: line 1,
 *     column 3: …"), or null; a merge treats such a task as one that returned nothing and says so
 * @param workDir the folder relative paths in the result (reports, artifacts) are resolved against:
 *     the task's working directory; null for fanout's own working directory
 * @param repeatOf for a copy made by {@code repeat: N}, the id of the task it is a copy of; else null
 * @param seconds how long the task ran, or a negative number when that is not known
 */
public record TaskOutput(
        String taskId,
        String type,
        String status,
        JsonNode result,
        Path stdout,
        String resultError,
        Path workDir,
        String repeatOf,
        double seconds) {
    // trailing tokens fail, so "{} junk" is reported as not JSON rather than read as {}
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public TaskOutput {
        if (taskId == null || taskId.isBlank()) {
            throw new IllegalArgumentException("a task output needs its task id");
        }
        type = type == null || type.isBlank() ? "untyped" : type;
        status = status == null ? "unknown" : status;
    }

    /** An output of a task that is no repeat's copy, its running time unknown. */
    public TaskOutput(
            String taskId, String type, String status, JsonNode result, Path stdout, String resultError, Path workDir) {
        this(taskId, type, status, result, stdout, resultError, workDir, null, -1);
    }

    /** An output whose result was readable (or absent), relative paths resolved against fanout's working directory. */
    public TaskOutput(String taskId, String type, String status, JsonNode result, Path stdout) {
        this(taskId, type, status, result, stdout, null, null);
    }

    /**
     * Reads a task's result file. A missing or empty file means the task returned nothing; a file
     * that is not JSON gives an output with a null result and a {@link #resultError} naming the
     * file, line and column, so the merge goes on and the problem is reported.
     *
     * @param resultFile the file the task was given as FANOUT_RESULT
     * @return the task's output; never throws for a bad result file
     */
    public static TaskOutput read(
            String taskId, String type, String status, Path resultFile, Path stdout, Path workDir) {
        if (!Files.exists(resultFile)) {
            return new TaskOutput(taskId, type, status, null, stdout, null, workDir);
        }
        try {
            // an empty or blank file reads as a missing node: the task returned nothing
            JsonNode result = MAPPER.readTree(resultFile.toFile());
            return new TaskOutput(taskId, type, status, result.isMissingNode() ? null : result, stdout, null, workDir);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            return new TaskOutput(
                    taskId,
                    type,
                    status,
                    null,
                    stdout,
                    resultFile + " is not JSON" + where + ": " + e.getOriginalMessage(),
                    workDir);
        } catch (IOException e) {
            return new TaskOutput(
                    taskId, type, status, null, stdout, resultFile + " could not be read: " + e.getMessage(), workDir);
        }
    }

    public boolean succeeded() {
        return "succeeded".equals(status) || "cached".equals(status);
    }

    public boolean hasResult() {
        return result != null && !result.isNull() && !result.isMissingNode();
    }

    /** Whether the task wrote a result that could not be read. */
    public boolean resultUnreadable() {
        return resultError != null;
    }

    /** {@code path} as the task meant it: absolute as is, relative against {@link #workDir}. */
    public Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || workDir == null ? p : workDir.resolve(p);
    }
}
