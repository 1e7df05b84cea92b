package dev.fanout.cli;

import dev.fanout.Numbers;
import dev.fanout.graph.Analysis;
import dev.fanout.graph.Decision;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The analysis as a table of waves with the critical path marked, and the decision. */
final class AnalysisView {
    /** Waves with more tasks than this are shortened, so a huge graph still reads on a screen. */
    private static final int TASKS_SHOWN = 12;

    private static final int WAVES_SHOWN = 40;

    private AnalysisView() {}

    static void print(Analysis a, Decision d, Style style, PrintWriter out) {
        out.printf(
                "%d task%s, %d dependenc%s, %d wave%s%n",
                a.totalTasks(),
                a.totalTasks() == 1 ? "" : "s",
                a.edges(),
                a.edges() == 1 ? "y" : "ies",
                a.waves().size(),
                a.waves().size() == 1 ? "" : "s");
        Set<String> critical = new HashSet<>(a.criticalPath().tasks());
        out.println(style.bold(String.format("%-6s %-9s %s", "wave", "longest", "tasks (* on the critical path)")));
        List<Analysis.Wave> waves = a.waves();
        for (int i = 0; i < Math.min(waves.size(), WAVES_SHOWN); i++) {
            Analysis.Wave w = waves.get(i);
            StringBuilder tasks = new StringBuilder();
            int shown = Math.min(w.tasks().size(), TASKS_SHOWN);
            for (int k = 0; k < shown; k++) {
                String id = w.tasks().get(k);
                if (k > 0) {
                    tasks.append(", ");
                }
                tasks.append(critical.contains(id) ? style.yellow(id + "*") : id);
            }
            if (w.tasks().size() > shown) {
                tasks.append(style.dim(" … and " + (w.tasks().size() - shown) + " more"));
            }
            out.printf("%-6d %-9s %s%n", w.group(), TimeFormat.seconds(w.estimatedSeconds()), tasks);
        }
        if (waves.size() > WAVES_SHOWN) {
            out.println(style.dim("… and " + (waves.size() - WAVES_SHOWN) + " more waves (--json shows all)"));
        }
        List<String> path = a.criticalPath().tasks();
        String shownPath = path.size() <= 10
                ? String.join(" -> ", path)
                : String.join(" -> ", path.subList(0, 5)) + " -> … -> " + path.get(path.size() - 1) + " ("
                        + Plural.of(path.size(), "task") + ")";
        if (path.isEmpty()) {
            out.println("critical path: none (no tasks)");
        } else {
            out.printf(
                    "critical path: %s  (%s)%n",
                    shownPath, TimeFormat.seconds(a.criticalPath().estimatedSeconds()));
        }
        out.printf(
                "estimated: %s of work, %s on %d slots, speedup %sx%n",
                TimeFormat.seconds(a.totalWorkSeconds()),
                TimeFormat.seconds(a.makespanSeconds()),
                a.maxParallel(),
                Numbers.text(a.speedup()));
        String mode = d.parallel() ? style.green(d.summary()) : style.cyan(d.summary());
        out.printf("decision: %s: %s%n", mode, d.reason());
    }
}
