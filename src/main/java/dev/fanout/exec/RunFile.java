package dev.fanout.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run.json} as it stands on disk, bound by Jackson: a field here is a key there (snake_case),
 * so what {@link RunJson} writes and what it reads back are one list. Keys an earlier fanout did not
 * write read as null or zero, and the conversion to a {@link RunRecord} gives them the defaults
 * those versions meant.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RunFile(
        int format,
        String runId,
        String status,
        long pid,
        String source,
        String startedAt,
        String endedAt,
        String resumedFrom,
        String mode,
        Integer jobs,
        String decision,
        Double estimatedSpeedup,
        double wallSeconds,
        double taskSeconds,
        double measuredSpeedup,
        Contained containment,
        Map<String, Integer> counts,
        JsonNode tasks,
        JsonNode config,
        JsonNode usage,
        LinkedHashMap<String, Result> results) {

    /** How the run's processes were kept together (written only by the fanout that ran it). */
    record Contained(String kind, List<String> controllers) {}

    /** One task's entry under {@code results}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Result(
            String status,
            String reason,
            double seconds,
            boolean reused,
            Cache cache,
            String result,
            String resultError,
            List<AttemptEntry> attempts) {}

    /** Where a cached result came from. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Cache(String key, String fromRun, double savedSeconds) {}

    /** One attempt of a task. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AttemptEntry(
            int attempt,
            String status,
            String startedAt,
            String endedAt,
            double seconds,
            double queuedSeconds,
            Integer exitCode,
            int signal,
            String error,
            JsonNode usage,
            String worker,
            boolean lost) {
        Attempt toAttempt() {
            return new Attempt(
                    attempt,
                    Instant.parse(startedAt),
                    Instant.parse(endedAt),
                    TaskStatus.ofKey(status),
                    exitCode,
                    signal,
                    error,
                    queuedSeconds,
                    Usage.fromJson(usage),
                    worker,
                    lost);
        }
    }
}
