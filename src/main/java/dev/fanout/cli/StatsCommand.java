package dev.fanout.cli;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.fanout.Json;
import dev.fanout.Numbers;
import dev.fanout.exec.RunStats;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fanout stats}: failure rate, speedups, slowest tasks and estimate errors across past runs. */
@Command(name = "stats", description = "Figures across past runs: failures, speedups, slowest tasks, estimate errors.")
public final class StatsCommand implements Callable<Integer> {
    private static final com.fasterxml.jackson.databind.ObjectMapper SNAKE_CASE =
            Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private final CliContext ctx;

    @Option(
            names = "--top",
            paramLabel = "N",
            defaultValue = "5",
            description = "tasks to list (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    public StatsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        RunStats s = RunStats.of(ctx.session().runStore().list(), top);
        if (json) {
            ctx.out().println(Json.pretty(SNAKE_CASE.valueToTree(s))); // snake_case, as all fanout's JSON
            return 0;
        }
        var out = ctx.out();
        out.println(Plural.of(s.runs(), "run") + ", " + Plural.of(s.tasksRun(), "task") + " run, "
                + Plural.of(s.attempts(), "attempt"));
        out.printf("failure rate %s, retries per task %s%n", percent(s.failureRate()), Numbers.text(s.retryRate()));
        out.printf(
                "speedup: measured %sx on average against %sx estimated%n",
                Numbers.text(s.meanMeasuredSpeedup()), Numbers.text(s.meanEstimatedSpeedup()));
        if (s.usage() != null) {
            out.println("agents spent " + UsageText.of(s.usage(), s.usageByAgent()));
        }
        if (!s.slowest().isEmpty()) {
            out.println(ctx.style().bold("slowest tasks (mean of successful runs)"));
            s.slowest()
                    .forEach(t -> out.printf(
                            "  %-28s %-9s over %s%n",
                            t.taskId(), TimeFormat.seconds(t.meanSeconds()), Plural.of(t.runs(), "run")));
        }
        if (!s.estimates().isEmpty()) {
            out.println(
                    ctx.style().bold("estimates furthest off") + " (mean error " + percent(s.estimateError()) + ")");
            s.estimates()
                    .forEach(e -> out.printf(
                            "  %-28s estimated %-8s measured %-8s %s%n",
                            e.taskId(),
                            TimeFormat.seconds(e.estimatedSeconds()),
                            TimeFormat.seconds(e.measuredSeconds()),
                            e.error() > 0 ? "too low" : "too high"));
        }
        return 0;
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
