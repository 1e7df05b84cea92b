package dev.fanout.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The analysis as JSON, in the original analyser's shape ({@code total_tasks},
 * {@code parallel_groups}, {@code estimated_speedup}, {@code groups}) with fanout's additions.
 * Streamed, so a million-task analysis is not built as a tree first.
 */
public final class AnalysisJson {
    /** Closing the generator must not close the caller's stream: the shell keeps writing to it. */
    private static final JsonFactory FACTORY =
            JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private AnalysisJson() {}

    /** Writes the analysis, pretty-printed, to {@code out}, which is flushed and left open. */
    public static void write(Analysis a, Decision decision, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            write(a, decision, g);
        }
    }

    /** Writes the analysis, pretty-printed, to {@code out}, which is flushed and left open. */
    public static void write(Analysis a, Decision decision, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            write(a, decision, g);
        }
    }

    /** Writes the analysis object; {@code decision} may be null. */
    public static void write(Analysis a, Decision decision, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("total_tasks", a.totalTasks());
        g.writeNumberField("parallel_groups", a.waves().size());
        g.writeFieldName("estimated_speedup");
        g.writeNumber(round(a.speedup()));
        g.writeArrayFieldStart("groups");
        for (Analysis.Wave w : a.waves()) {
            g.writeStartObject();
            g.writeNumberField("group", w.group());
            g.writeArrayFieldStart("tasks");
            for (String id : w.tasks()) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeFieldName("estimated_seconds");
            g.writeNumber(round(w.estimatedSeconds()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("critical_path");
        g.writeArrayFieldStart("tasks");
        for (String id : a.criticalPath().tasks()) {
            g.writeString(id);
        }
        g.writeEndArray();
        g.writeFieldName("estimated_seconds");
        g.writeNumber(round(a.criticalPath().estimatedSeconds()));
        g.writeEndObject();
        g.writeFieldName("estimated_makespan_seconds");
        g.writeNumber(round(a.makespanSeconds()));
        g.writeFieldName("total_estimated_seconds");
        g.writeNumber(round(a.totalWorkSeconds()));
        g.writeNumberField("max_parallel_tasks", a.maxParallel());
        g.writeNumberField("dependencies", a.edges());
        if (decision != null) {
            g.writeObjectFieldStart("decision");
            g.writeStringField("mode", decision.parallel() ? "parallel" : "sequential");
            g.writeStringField("recommendation", decision.level().label());
            g.writeStringField("rule", decision.rule());
            g.writeStringField("reason", decision.reason());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** Two decimals; a whole number is written without a fraction. */
    static BigDecimal round(double d) {
        BigDecimal b = BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0) : b;
    }
}
