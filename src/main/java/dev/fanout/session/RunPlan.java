package dev.fanout.session;

import dev.fanout.config.Config;
import dev.fanout.exec.RunOptions;
import dev.fanout.exec.TaskResult;
import dev.fanout.graph.Analysis;
import dev.fanout.graph.Decision;
import dev.fanout.graph.ListSchedule;
import dev.fanout.graph.TaskGraph;
import dev.fanout.task.TaskSet;
import java.util.Map;

/**
 * A run worked out but not started: the tasks, their configuration and analysis, the decision,
 * and the options the scheduler will use.
 *
 * @param modeReason why it runs in parallel or sequentially, in words
 * @param carried results reused from the run being resumed, by task id (empty otherwise)
 * @param measured seconds earlier runs took, by task id, which order the ready tasks
 */
public record RunPlan(TaskSet tasks, Config config, TaskGraph graph, Analysis analysis, Decision decision,
        RunOptions options, String modeReason, Map<String, TaskResult> carried, Map<String, Double> measured) {

    /** What the scheduler would do, slot by slot, if every task took its measured or estimated time. */
    public ListSchedule schedule() {
        double[] weights = new double[graph.size()];
        for (int v = 0; v < graph.size(); v++) {
            Double m = measured.get(graph.id(v));
            weights[v] = m != null ? m : graph.task(v).estimateOrUnit();
            var before = carried.get(graph.id(v));
            if (before != null && before.status() == dev.fanout.exec.TaskStatus.SUCCEEDED) {
                weights[v] = 0;
            }
        }
        return ListSchedule.plan(graph, weights, options.jobs(), true, options.parallel());
    }
}
