package dev.fanout.graph;

import java.io.IOException;
import java.io.Writer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The graph as text for people, as Graphviz DOT, or as a Mermaid flowchart. Edges run from a
 * dependency to the task that needs it; the critical path is drawn bold in DOT and Mermaid.
 */
public enum GraphExport {
    TEXT {
        @Override
        void write(TaskGraph g, Analysis a, Writer out) throws IOException {
            Set<String> critical = new HashSet<>(a.criticalPath().tasks());
            for (Analysis.Wave w : a.waves()) {
                out.write("wave " + w.group() + "\n");
                for (String id : w.tasks()) {
                    int v = g.indexOf(id);
                    out.write("  " + id + (critical.contains(id) ? " *" : ""));
                    int[] deps = g.predecessors(v);
                    if (deps.length > 0) {
                        out.write("  <- ");
                        for (int i = 0; i < deps.length; i++) {
                            out.write((i > 0 ? ", " : "") + g.id(deps[i]));
                        }
                    }
                    out.write("\n");
                }
            }
        }
    },
    DOT {
        @Override
        void write(TaskGraph g, Analysis a, Writer out) throws IOException {
            Set<String> critical = new HashSet<>(a.criticalPath().tasks());
            List<String> path = a.criticalPath().tasks();
            Set<String> criticalEdges = new HashSet<>();
            for (int i = 1; i < path.size(); i++) {
                criticalEdges.add(path.get(i - 1) + "\u0000" + path.get(i));
            }
            out.write("digraph tasks {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n");
            for (int v = 0; v < g.size(); v++) {
                String id = g.id(v);
                String type = g.task(v).type();
                // "\n" is DOT's line break inside a label; id and type are escaped once each
                String label = type == null ? dotEscape(id) : dotEscape(id) + "\\n" + dotEscape(type);
                out.write("  " + dotId(id) + " [label=\"" + label + "\""
                        + (critical.contains(id) ? ", penwidth=2, color=\"#b35900\"" : "") + "];\n");
            }
            for (int v = 0; v < g.size(); v++) {
                for (int i = 0, c = g.successorCount(v); i < c; i++) {
                    String from = g.id(v);
                    String to = g.id(g.successor(v, i));
                    out.write("  " + dotId(from) + " -> " + dotId(to)
                            + (criticalEdges.contains(from + "\u0000" + to) ? " [penwidth=2, color=\"#b35900\"]" : "")
                            + ";\n");
                }
            }
            out.write("}\n");
        }
    },
    MERMAID {
        @Override
        void write(TaskGraph g, Analysis a, Writer out) throws IOException {
            Set<String> critical = new HashSet<>(a.criticalPath().tasks());
            out.write("flowchart LR\n");
            // Mermaid node ids are limited; task ids become labels of generated ids t0, t1, …
            for (int v = 0; v < g.size(); v++) {
                out.write("  t" + v + "[\"" + g.id(v).replace("\"", "#quot;") + "\"]\n");
            }
            for (int v = 0; v < g.size(); v++) {
                for (int i = 0, c = g.successorCount(v); i < c; i++) {
                    out.write("  t" + v + " --> t" + g.successor(v, i) + "\n");
                }
            }
            if (!critical.isEmpty() && g.size() > 0) {
                out.write("  classDef critical stroke:#b35900,stroke-width:3px\n");
                StringBuilder members = new StringBuilder();
                for (String id : a.criticalPath().tasks()) {
                    members.append(members.length() == 0 ? "" : ",").append("t").append(g.indexOf(id));
                }
                out.write("  class " + members + " critical\n");
            }
        }
    };

    abstract void write(TaskGraph g, Analysis a, Writer out) throws IOException;

    /** Writes the graph in this format. */
    public void export(TaskGraph g, Analysis a, Writer out) throws IOException {
        write(g, a, out);
        out.flush();
    }

    private static String dotId(String id) {
        return "\"" + dotEscape(id) + "\"";
    }

    private static String dotEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
