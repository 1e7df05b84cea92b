package dev.fanout.graph;

import dev.fanout.Numbers;
import dev.fanout.config.Config;

/**
 * Parallel or sequential, and why, by the original detector's rules.
 *
 * @param rule a short stable name of the rule that decided, for scripts
 * @param reason one sentence naming the rule and its numbers
 */
public record Decision(boolean parallel, Level level, String rule, String reason) {

    /** How strongly parallel execution is recommended. */
    public enum Level {
        STRONGLY_RECOMMENDED("strongly recommended"),
        RECOMMENDED("recommended"),
        ACCEPTABLE("acceptable"),
        SEQUENTIAL("sequential");

        private final String label;

        Level(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * Applies, in order: disabled; fewer than {@code min_tasks_for_parallel} tasks; a chain;
     * speedup below {@code min_speedup_threshold}; one task type (strongly recommended); mixed
     * types at {@code mixed_speedup_threshold} or more (recommended); mixed types below it (acceptable).
     */
    public static Decision of(Analysis a, Config config) {
        String speedup = Numbers.text(a.speedup());
        if (!config.enabled()) {
            return sequential("disabled", "parallel execution is disabled (enabled: false)");
        }
        if (a.totalTasks() < config.minTasksForParallel()) {
            return sequential(
                    "too_few_tasks",
                    a.totalTasks() + " task" + (a.totalTasks() == 1 ? "" : "s") + ", fewer than min_tasks_for_parallel "
                            + config.minTasksForParallel());
        }
        if (a.chain()) {
            return sequential("chain", "every task depends on the one before it: no two tasks can run together");
        }
        if (a.speedup() < config.minSpeedupThreshold()) {
            return sequential(
                    "low_speedup",
                    "estimated speedup " + speedup + "x is below min_speedup_threshold "
                            + Numbers.text(config.minSpeedupThreshold()) + "x");
        }
        if (a.homogeneous()) {
            return new Decision(
                    true,
                    Level.STRONGLY_RECOMMENDED,
                    "homogeneous",
                    a.totalTasks() + " tasks of one type ("
                            + a.types().iterator().next() + "), estimated speedup " + speedup + "x >= "
                            + Numbers.text(config.minSpeedupThreshold()) + "x");
        }
        if (a.speedup() >= config.mixedSpeedupThreshold()) {
            return new Decision(
                    true,
                    Level.RECOMMENDED,
                    "mixed_fast",
                    a.types().size() + " task types, estimated speedup " + speedup + "x >= "
                            + Numbers.text(config.mixedSpeedupThreshold()) + "x for mixed types");
        }
        return new Decision(
                true,
                Level.ACCEPTABLE,
                "mixed_slow",
                a.types().size() + " task types, estimated speedup " + speedup + "x: above min_speedup_threshold "
                        + Numbers.text(config.minSpeedupThreshold()) + "x but below "
                        + Numbers.text(config.mixedSpeedupThreshold())
                        + "x, so parallel is acceptable rather than recommended");
    }

    private static Decision sequential(String rule, String reason) {
        return new Decision(false, Level.SEQUENTIAL, rule, reason);
    }

    /** "parallel (strongly recommended)" or "sequential". */
    public String summary() {
        return parallel ? "parallel (" + level.label() + ")" : "sequential";
    }
}
