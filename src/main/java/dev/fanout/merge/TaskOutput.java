package dev.fanout.merge;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * What one task returned, as a merge sees it.
 *
 * @param type the task's type ("untyped" when it has none)
 * @param status the task's final status: succeeded, failed, timed_out, skipped, cancelled
 * @param result the JSON the task wrote to FANOUT_RESULT (or printed as JSON); null when it returned nothing
 * @param stdout the task's stdout log, or null; strategies may read it when there is no result
 */
public record TaskOutput(String taskId, String type, String status, JsonNode result, Path stdout) {

    public boolean succeeded() {
        return "succeeded".equals(status);
    }

    public boolean hasResult() {
        return result != null && !result.isNull() && !result.isMissingNode();
    }
}
