package dev.fanout.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.graph.Analysis;
import dev.fanout.graph.AnalysisJson;
import dev.fanout.graph.Decision;
import dev.fanout.task.TaskSet;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A saved session: enough to carry on tomorrow. The analysis is kept for readers of the file;
 * a restore recomputes it from the tasks, so it can never disagree with them.
 *
 * @param format the snapshot format version; a newer one than this fanout knows is refused
 * @param analysis the last analysis as JSON, or null
 * @param scripts JavaScript definitions (merges, pipelines), re-evaluated on restore
 */
public record Snapshot(
        int format,
        String name,
        Instant savedAt,
        TaskSet tasks,
        Map<String, String> overrides,
        Map<String, String> variables,
        JsonNode analysis,
        List<String> runs,
        List<ScriptSource> scripts) {

    public static final int FORMAT = 1;

    public Snapshot {
        overrides = Map.copyOf(overrides);
        variables = Map.copyOf(variables);
        runs = List.copyOf(runs);
        scripts = List.copyOf(scripts);
    }

    /** A snapshot of a session's parts, saved now. */
    static Snapshot of(
            String name,
            TaskSet tasks,
            Map<String, String> overrides,
            Map<String, String> variables,
            Analysis analysis,
            Decision decision,
            List<String> runs,
            List<ScriptSource> scripts) {
        JsonNode analysisJson = null;
        if (analysis != null) {
            try {
                StringWriter w = new StringWriter();
                AnalysisJson.write(analysis, decision, w);
                analysisJson = new ObjectMapper().readTree(w.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Snapshot(FORMAT, name, Instant.now(), tasks, overrides, variables, analysisJson, runs, scripts);
    }

    /** JavaScript that defined something, with where it came from ("js -f top3.js", "prompt"). */
    public record ScriptSource(String origin, String source) {}
}
