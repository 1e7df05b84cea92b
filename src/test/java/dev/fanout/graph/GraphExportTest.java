package dev.fanout.graph;

import static dev.fanout.graph.Tasks.typed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fanout.task.TaskFileReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class GraphExportTest {
    private static final Pattern DOT_EDGE =
            Pattern.compile("^\\s*\"((?:[^\"\\\\]|\\\\.)*)\" -> \"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern MERMAID_NODE = Pattern.compile("^\\s*(t\\d+)\\[\"(.*)\"]$");
    private static final Pattern MERMAID_EDGE = Pattern.compile("^\\s*(t\\d+) --> (t\\d+)$");

    private static TaskGraph tenTasks() {
        return TaskGraph.of(new TaskFileReader().read(Path.of("examples/ten-tasks.json")));
    }

    private static String export(GraphExport format, TaskGraph g) throws IOException {
        StringWriter out = new StringWriter();
        format.export(g, Analysis.of(g, 10), out);
        return out.toString();
    }

    /** Every dependency as "from -> to", edges running from a dependency to the task that needs it. */
    private static Set<String> dependencies(TaskGraph g) {
        Set<String> edges = new HashSet<>();
        for (int v = 0; v < g.size(); v++) {
            for (int p : g.predecessors(v)) {
                edges.add(g.id(p) + " -> " + g.id(v));
            }
        }
        return edges;
    }

    static Set<String> dotEdges(String dot) {
        Set<String> edges = new HashSet<>();
        for (String line : dot.lines().toList()) {
            Matcher m = DOT_EDGE.matcher(line);
            if (m.find()) {
                edges.add(m.group(1) + " -> " + m.group(2));
            }
        }
        return edges;
    }

    static Set<String> mermaidEdges(String mermaid) {
        Map<String, String> labels = new HashMap<>();
        Set<String> edges = new HashSet<>();
        List<String> lines = mermaid.lines().toList();
        for (String line : lines) {
            Matcher node = MERMAID_NODE.matcher(line);
            if (node.matches()) {
                labels.put(node.group(1), node.group(2));
            }
        }
        for (String line : lines) {
            Matcher edge = MERMAID_EDGE.matcher(line);
            if (edge.matches()) {
                edges.add(labels.get(edge.group(1)) + " -> " + labels.get(edge.group(2)));
            }
        }
        return edges;
    }

    @Test
    void dotAndMermaidHoldTheSameEdgesAsTheGraph() throws IOException {
        TaskGraph g = tenTasks();
        Set<String> expected = dependencies(g);
        assertEquals(9, expected.size());
        assertEquals(expected, dotEdges(export(GraphExport.DOT, g)));
        assertEquals(expected, mermaidEdges(export(GraphExport.MERMAID, g)));
    }

    @Test
    void mermaidMarksTheCriticalPath() throws IOException {
        String mermaid = export(GraphExport.MERMAID, tenTasks());
        assertTrue(mermaid.startsWith("flowchart LR\n"), mermaid);
        // fetch-users, index-users, build-api are tasks 0, 4 and 7
        assertTrue(mermaid.contains("\n  class t0,t4,t7 critical\n"), mermaid);
    }

    @Test
    void graphvizAcceptsTheDotOutput() throws Exception {
        TaskGraph g = TaskGraph.of(Tasks.set(
                typed("fetch", "file_read", 1.0),
                typed("say \"hi\"", null, 1.0),
                typed("build.x_1", "a \"quoted\" type \\ with backslash", 2.0, "fetch"),
                typed("join", "n", 1.0, "build.x_1", "fetch")));
        String svg = dot(export(GraphExport.DOT, g));
        assertTrue(svg.contains("<svg"), svg);
        assertTrue(svg.contains("a &quot;quoted&quot; type \\ with backslash"), svg);
        assertEquals(4, count(svg, "class=\"node\""));
        assertEquals(3, count(svg, "class=\"edge\""));
    }

    @Test
    void graphvizAcceptsTheTenTaskExample() throws Exception {
        String svg = dot(export(GraphExport.DOT, tenTasks()));
        assertEquals(10, count(svg, "class=\"node\""));
        assertEquals(9, count(svg, "class=\"edge\""));
    }

    @Test
    void textListsWavesWithDependenciesAndTheCriticalPath() throws IOException {
        String text = export(GraphExport.TEXT, tenTasks());
        assertTrue(text.startsWith("wave 1\n  fetch-users *\n  fetch-orders\n"), text);
        assertTrue(text.contains("\n  build-reports  <- index-orders, index-catalog\n"), text);
    }

    /** Runs Graphviz's {@code dot -Tsvg} on the text and returns the SVG; skips when dot is not installed. */
    private static String dot(String dotText) throws Exception {
        Assumptions.assumeTrue(onPath("dot"), "Graphviz 'dot' is not installed; scripts/test installs it");
        Process p =
                new ProcessBuilder("dot", "-Tsvg").redirectErrorStream(false).start();
        CompletableFuture<String> svg = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(dotText.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "dot finished");
        assertEquals(0, p.exitValue(), "dot rejected the output: " + err.get() + "\n" + dotText);
        assertEquals("", err.get(), "dot warned");
        return svg.get();
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null
                && List.of(path.split(java.io.File.pathSeparator)).stream()
                        .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
