package dev.fanout.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.fanout.exec.TaskStatus;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The data the page's script draws from, as compact JSON: flat number arrays for bars and edges,
 * so a 10,000-task run stays a few hundred kilobytes.
 *
 * <p>{@code tasks}: [id, status, estimate seconds or null, critical 0/1, wave, type, how];
 * {@code bars}: 6 numbers a bar: task, attempt, start ms, end ms, status, lane; {@code errors}:
 * bar index to error text; {@code edges}: from, to pairs; {@code waves}: task indexes.
 */
final class PageData {
    private static final int MAX_HOW = 300;

    private PageData() {}

    static String json(ReportModel m) {
        StringWriter w = new StringWriter(64 * (m.rows().size() + m.bars().size()) + 1024);
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("run", m.run().runId());
            g.writeNumberField("wallMs", Math.round(m.run().wallSeconds() * 1000));
            g.writeNumberField("lanes", m.lanes());
            g.writeArrayFieldStart("statuses");
            for (TaskStatus s : TaskStatus.values()) {
                g.writeString(s.key());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("tasks");
            for (ReportModel.Row r : m.rows()) {
                g.writeStartArray();
                g.writeString(r.id());
                g.writeNumber(r.status().ordinal());
                if (r.estimate() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(r.estimate());
                }
                g.writeNumber(r.critical() ? 1 : 0);
                g.writeNumber(r.wave());
                g.writeString(r.type());
                g.writeString(r.how().length() > MAX_HOW ? r.how().substring(0, MAX_HOW - 1) + "…" : r.how());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("bars");
            for (ReportModel.Bar b : m.bars()) {
                g.writeNumber(b.task());
                g.writeNumber(b.attempt());
                g.writeNumber(b.startMs());
                g.writeNumber(b.endMs());
                g.writeNumber(b.status().ordinal());
                g.writeNumber(b.lane());
            }
            g.writeEndArray();
            g.writeObjectFieldStart("errors");
            List<ReportModel.Bar> bars = m.bars();
            for (int i = 0; i < bars.size(); i++) {
                if (bars.get(i).error() != null) {
                    g.writeStringField(Integer.toString(i), bars.get(i).error());
                }
            }
            g.writeEndObject();
            g.writeArrayFieldStart("crit");
            for (int v : m.criticalPath()) {
                g.writeNumber(v);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("edges");
            for (ReportModel.Edge e : m.edges()) {
                g.writeNumber(e.from());
                g.writeNumber(e.to());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("waves");
            for (List<Integer> wave : m.waves()) {
                g.writeStartArray();
                for (int v : wave) {
                    g.writeNumber(v);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
